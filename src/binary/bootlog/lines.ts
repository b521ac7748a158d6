/**
 * Recognise the `debug-alternative` (DA_ALT) lines of a dmesg / serial console: with or without
 * `[    2.456696] ` timestamps, `<7>` levels or `> ` mail quoting, between any other output.
 */

/** pr_fmt of arch/x86/kernel/alternative.c. */
const PREFIX = 'SMP alternatives: ';

export type AltLine =
  | { kind: 'table'; start: bigint; end: bigint }
  | {
      kind: 'feat';
      cpuid: number;
      /** 6.1's `!` marker for inverted entries (no flags field then). */
      not: boolean;
      symbol: string;
      addr: bigint;
      len: number;
      repl: bigint;
      replLen: number;
      /** Absent in the 6.1 format. */
      flags?: number;
    }
  | { kind: 'dump'; which: 'old_insn' | 'rpl_insn' | 'final_insn'; addr: bigint; bytes: Uint8Array }
  | { kind: 'nops'; addr: bigint; start: number; end: number; bytes: Uint8Array }
  /** A pr_err() the kernel prints right before BUG(): the boot stops at the entry above it. */
  | { kind: 'bug'; message: string }
  /** 6.1's CALL fix / `recompute_jump()` lines, between rpl_insn and final_insn. */
  | { kind: 'fixup' };

/** A DA_ALT line that looked like one of ours but did not parse: reported, not fatal. */
export interface BadLine {
  kind: 'bad';
  message: string;
  column: number;
}

const FEAT =
  /^feat: (!?)(\d+)\*32\+(\d+), old: \((.*) \(([0-9a-f]{1,16})\) len: (\d+)\), repl: \(([0-9a-f]{1,16}), len: (\d+)\)(?: flags: 0x([0-9a-f]+))?\s*$/;
const DUMP = /^([0-9a-f]{1,16}):\s+(old_insn|rpl_insn|final_insn):(.*)$/;
const NOPS = /^([0-9a-f]{1,16}): \[(\d+):(\d+)\) optimized NOPs:(.*)$/;
const FIXUP =
  /^(?:Fix CALL offset: 0x[0-9a-f]+, CALL 0x[0-9a-f]+|target RIP: [0-9a-f]{1,16}, new_displ: 0x[0-9a-f]+|final displ: 0x[0-9a-f]{8}, JMP 0x[0-9a-f]+)\s*$/;
const TABLE = /^alt table ([0-9a-f]{1,16}), -> ([0-9a-f]{1,16})\s*$/;

/** alt_replace_call()'s pr_err() texts (6.8 and later), each followed by BUG(). */
const BUG_MESSAGES = [
  'ALT_FLAG_DIRECT_CALL set for a non-call replacement instruction',
  'ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
];

/** Where the DA_ALT message starts in a raw line, or -1 for any other line. */
export function findAltMessage(raw: string): number {
  const at = raw.indexOf(PREFIX);
  return at < 0 ? -1 : at + PREFIX.length;
}

/** Parse one message (the text after `SMP alternatives: `). Other DA_* classes give undefined. */
export function parseAltMessage(msg: string, column: number): AltLine | BadLine | undefined {
  const bug = BUG_MESSAGES.find((m) => msg.trimEnd() === m);
  if (bug) return { kind: 'bug', message: bug };
  if (msg.startsWith('feat:')) {
    const m = FEAT.exec(msg);
    if (!m) return { kind: 'bad', message: `unrecognised feat: line: ${clip(msg)}`, column };
    const word = Number(m[2]);
    const bit = Number(m[3]);
    if (bit > 31) return { kind: 'bad', message: `feature bit ${bit} is not 0..31`, column };
    return {
      kind: 'feat',
      not: m[1] === '!',
      cpuid: word * 32 + bit,
      symbol: m[4] as string,
      addr: BigInt(`0x${m[5]}`),
      len: Number(m[6]),
      repl: BigInt(`0x${m[7]}`),
      replLen: Number(m[8]),
      flags: m[9] === undefined ? undefined : Number.parseInt(m[9], 16),
    };
  }
  if (msg.startsWith('alt table')) {
    const m = TABLE.exec(msg);
    if (!m) return { kind: 'bad', message: `unrecognised alt table line: ${clip(msg)}`, column };
    return { kind: 'table', start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`) };
  }
  if (/^(?:Fix CALL offset|target RIP|final displ):/.test(msg)) {
    return FIXUP.test(msg)
      ? { kind: 'fixup' }
      : { kind: 'bad', message: `unrecognised 6.1 fix-up line: ${clip(msg)}`, column };
  }
  if (msg.includes('optimized NOPs:')) {
    const m = NOPS.exec(msg);
    if (!m)
      return { kind: 'bad', message: `unrecognised optimized NOPs line: ${clip(msg)}`, column };
    const bytes = parseDumpBytes(m[4] as string);
    if (!bytes)
      return {
        kind: 'bad',
        message: `bad bytes in optimized NOPs line: ${clip(m[4] as string)}`,
        column,
      };
    return {
      kind: 'nops',
      addr: BigInt(`0x${m[1]}`),
      start: Number(m[2]),
      end: Number(m[3]),
      bytes,
    };
  }
  if (msg.includes('_insn:')) {
    const m = DUMP.exec(msg);
    if (!m) return { kind: 'bad', message: `unrecognised dump line: ${clip(msg)}`, column };
    const bytes = parseDumpBytes(m[3] as string);
    if (!bytes)
      return { kind: 'bad', message: `bad bytes in ${m[2]} dump: ${clip(m[3] as string)}`, column };
    return { kind: 'dump', which: m[2] as 'old_insn', addr: BigInt(`0x${m[1]}`), bytes };
  }
  return undefined;
}

/**
 * DUMP_BYTES output: ` xx xx …`, optionally followed by a TAB and disassembly someone pasted
 * (as in the seed thread). At most 255 bytes (the kernel's dumps are ≤ MAX_PATCH_LEN).
 */
export function parseDumpBytes(text: string): Uint8Array | undefined {
  const tab = text.indexOf('\t');
  const hexPart = (tab >= 0 ? text.slice(0, tab) : text).trim();
  if (hexPart === '') return new Uint8Array(0);
  const parts = hexPart.split(/\s+/);
  if (parts.length > 255) return undefined;
  const out = new Uint8Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (!/^[0-9a-f]{2}$/i.test(p)) return undefined;
    out[i] = Number.parseInt(p, 16);
  }
  return out;
}

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}...` : s);
