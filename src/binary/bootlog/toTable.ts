import {
  ALT_FLAG_DIRECT_CALL,
  ALT_FLAG_NOT,
  toAddr,
  toFeatureIndex,
  type AltEntry,
  type AltTable,
  type Diagnostic,
  type KernelVersion,
  type MemoryRange,
  type Site,
} from '../../core/model';
import { lineError } from '../result';
import type { LogRecord, LogSite, LogTable } from './parse';

/** Where `nop_func` is assumed to live when only a log is known (no address is ever printed). */
export const LOG_NOP_FUNC = 0xfffffffffffff000n;

/** A log's table rebuilt as a scenario, and what the log says about features. */
export interface LogScenario {
  table: AltTable;
  /** Features the applied entries prove present / absent. */
  present: Set<number>;
  absent: Set<number>;
  /** Sites with only "optimized NOPs" lines: their original bytes are not in the log. */
  nopsOnly: LogSite[];
  /** Each rebuilt site's LogSite, by address. */
  logSites: Map<bigint, LogSite>;
}

/** The entry flags a record stands for (6.1 logs print `!` instead of flags). */
export const recordFlags = (r: LogRecord): number => r.flags ?? (r.not ? ALT_FLAG_NOT : 0);

/** Record which state of a feature an eligible / ineligible entry proves; report conflicts. */
export function noteFeature(
  present: Set<number>,
  absent: Set<number>,
  cpuid: number,
  has: boolean,
  diagnostics: Diagnostic[],
  where: () => string,
  line: number,
): void {
  const other = has ? absent : present;
  if (other.has(cpuid)) {
    diagnostics.push(
      lineError(
        'log-feature-conflict',
        `${where()} needs feature ${cpuid >> 5}*32+${cpuid & 31} ${has ? 'on' : 'off'}, but an earlier entry needed it ${has ? 'off' : 'on'}`,
        line,
      ),
    );
    return;
  }
  (has ? present : absent).add(cpuid);
}

/**
 * Rebuild the patched sites of one logged table. The log shows only applied entries: original
 * bytes come from the first `old_insn`, replacements from `rpl_insn`; a DIRECT_CALL entry's
 * pv_ops slot is filled with the target its `final_insn` calls (or `nop_func` if it became NOPs),
 * and `BUG_func` is where its `rpl_insn` call points.
 */
export function logTableToScenario(
  t: LogTable,
  kernel: KernelVersion,
  diagnostics: Diagnostic[],
): LogScenario {
  const present = new Set<number>();
  const absent = new Set<number>();
  const sites: Site[] = [];
  const memory = new Map<bigint, MemoryRange>();
  const logSites = new Map<bigint, LogSite>();
  const nopsOnly: LogSite[] = [];
  let bugFunc: bigint | undefined;
  let usedNopFunc = false;
  let tableIndex = 0;
  for (const ls of t.sites) {
    if (ls.records.length === 0) {
      nopsOnly.push(ls);
      continue;
    }
    const first = ls.records[0] as LogRecord;
    if (!first.oldInsn || first.oldInsn.length !== first.len) {
      diagnostics.push(
        lineError(
          'log-incomplete',
          `site ${ls.addr.toString(16)}: no old_insn dump of ${first.len} bytes after its feat: line`,
          first.line,
        ),
      );
      continue;
    }
    const last = ls.records[ls.records.length - 1] as LogRecord;
    if (!last.finalInsn && !ls.stopped) {
      diagnostics.push({
        ...lineError(
          'log-incomplete',
          `site ${ls.addr.toString(16)}: the log ends before its final_insn dump`,
          last.line,
        ),
        severity: 'warning',
      });
      continue;
    }
    const entries: AltEntry[] = [];
    for (const r of ls.records) {
      let rpl = r.replLen === 0 ? new Uint8Array(0) : r.rplInsn;
      if (!rpl && ls.stopped && r === last) {
        rpl = assumeCallBugFunc(r, bugFunc);
        if (rpl)
          diagnostics.push({
            ...lineError(
              'log-stopped',
              `site ${ls.addr.toString(16)}: the log stops before this entry's dumps; its replacement is taken as call BUG_func (ALT_CALL_INSTR)`,
              r.line,
            ),
            severity: 'info',
          });
      }
      if (!rpl || rpl.length !== r.replLen) {
        diagnostics.push(
          lineError(
            'log-incomplete',
            `site ${ls.addr.toString(16)}: no rpl_insn dump of ${r.replLen} bytes after its feat: line`,
            r.line,
          ),
        );
        continue;
      }
      const flags = recordFlags(r);
      noteFeature(
        present,
        absent,
        r.cpuid,
        (flags & ALT_FLAG_NOT) === 0,
        diagnostics,
        () => `the entry applied at ${r.symbol}`,
        r.line,
      );
      if (entries.some((e) => e.repl === r.repl)) continue;
      if (flags & ALT_FLAG_DIRECT_CALL) {
        const call = directCallFacts(ls.addr, first.oldInsn, r, rpl);
        if (call) {
          bugFunc ??= call.bugFunc;
          usedNopFunc ||= call.target === LOG_NOP_FUNC;
          memory.set(call.slot, { addr: toAddr(call.slot), bytes: u64le(call.target) });
        }
      }
      entries.push({
        instr: toAddr(ls.addr),
        repl: toAddr(r.repl),
        cpuid: toFeatureIndex(r.cpuid),
        flags,
        instrlen: r.len,
        replacementlen: r.replLen,
        replacement: rpl,
        tableIndex: tableIndex++,
        source: { kind: 'text', line: r.line, column: 1 },
      });
    }
    if (entries.length === 0) continue;
    logSites.set(ls.addr, ls);
    sites.push({
      addr: toAddr(ls.addr),
      symbol: ls.symbol,
      original: first.oldInsn,
      entries,
      source: { kind: 'text', line: first.line, column: 1 },
    });
  }
  const symbols = [];
  if (bugFunc !== undefined) symbols.push({ name: 'BUG_func', addr: toAddr(bugFunc) });
  if (usedNopFunc) symbols.push({ name: 'nop_func', addr: toAddr(LOG_NOP_FUNC) });
  return {
    table: {
      kernel,
      sites,
      memory: [...memory.values()].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0)),
      symbols,
      features: [...present].sort((a, b) => a - b).map(toFeatureIndex),
    },
    present,
    absent,
    nopsOnly,
    logSites,
  };
}

/**
 * The replacement of the entry the kernel died on, which it never dumped: an
 * ALT_FLAG_DIRECT_CALL entry is always emitted as `call BUG_func` (ALT_CALL_INSTR), and its
 * BUG()s look only at the site and at the replacement's length and opcode. Other entries'
 * bytes are unknown: the entry is left out (and the re-simulation will not reach the BUG).
 */
function assumeCallBugFunc(r: LogRecord, bugFunc: bigint | undefined): Uint8Array | undefined {
  if (!(recordFlags(r) & ALT_FLAG_DIRECT_CALL) || r.replLen !== 5) return undefined;
  const out = new Uint8Array(5);
  out[0] = 0xe8;
  // BUG_func is unknown when no other DIRECT_CALL entry of the log points at it.
  const rel = bugFunc === undefined ? 0n : BigInt.asIntN(32, bugFunc - (r.repl + 5n));
  new DataView(out.buffer).setInt32(1, Number(rel), true);
  return out;
}

/** Slot, pointer target and BUG_func implied by a logged DIRECT_CALL record. */
function directCallFacts(
  addr: bigint,
  old: Uint8Array,
  r: LogRecord,
  rpl: Uint8Array,
): { slot: bigint; target: bigint; bugFunc: bigint } | undefined {
  if (old.length < 6 || old[0] !== 0xff || old[1] !== 0x15 || rpl.length !== 5 || rpl[0] !== 0xe8)
    return undefined;
  const fin = r.finalInsn;
  if (!fin || fin.length < 5) return undefined;
  const slot = addr + 6n + BigInt(s32(old, 2));
  const bugFunc = r.repl + 5n + BigInt(s32(rpl, 1));
  const target =
    fin[0] === 0xe8 ? BigInt.asUintN(64, addr + 5n + BigInt(s32(fin, 1))) : LOG_NOP_FUNC;
  return { slot, target, bugFunc };
}

const s32 = (b: Uint8Array, o: number): number =>
  new DataView(b.buffer, b.byteOffset + o, 4).getInt32(0, true);

function u64le(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return out;
}
