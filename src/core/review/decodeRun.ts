import type { DecodedInsn, InsnDecoder } from '../ports';

/** One instruction of a byte run, at `offset`. */
export interface RunInsn extends DecodedInsn {
  offset: number;
}

/** A byte run decoded instruction by instruction, as the kernel's decoder walks a site. */
export interface DecodedRun {
  insns: RunInsn[];
  /** Every instruction decoded and the last one ends exactly at the run's end. */
  clean: boolean;
  /** Offset of the first instruction that failed or overran the end, if any. */
  badOffset?: number;
}

/** Decode `bytes[0..end)`; stops at the first failure (the kernel's walkers do the same). */
export function decodeRun(decoder: InsnDecoder, bytes: Uint8Array, end = bytes.length): DecodedRun {
  const insns: RunInsn[] = [];
  let offset = 0;
  while (offset < end) {
    const insn = decoder.decode(bytes, offset, end);
    if (!insn.ok || insn.length <= 0 || offset + insn.length > end) {
      return { insns, clean: false, badOffset: offset };
    }
    insns.push({ ...insn, offset });
    offset += insn.length;
  }
  return { insns, clean: true };
}

/** Instruction start offsets, to compare boundaries of two states of one site. */
export function boundariesOf(run: DecodedRun): number[] {
  return run.insns.map((i) => i.offset);
}

const LEGACY_PREFIXES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);

/**
 * The opcode of a relative branch the kernel relocates (jcc rel8/rel32, jmp rel8/rel32,
 * call rel32), or null. Legacy prefixes and REX are skipped, as the kernel's decoder does.
 */
export function relativeBranchOpcode(bytes: Uint8Array, insn: RunInsn): string | null {
  let p = insn.offset;
  const end = insn.offset + insn.length;
  while (p < end && LEGACY_PREFIXES.has(bytes[p]!)) p++;
  if (p < end && (bytes[p]! & 0xf0) === 0x40) p++;
  const op = bytes[p];
  if (op === undefined) return null;
  if (op === 0xe8) return 'call';
  if (op === 0xe9 || op === 0xeb) return 'jmp';
  if (op >= 0x70 && op <= 0x7f) return 'jcc';
  if (op === 0x0f && (bytes[p + 1] ?? 0) >= 0x80 && (bytes[p + 1] ?? 0) <= 0x8f) return 'jcc';
  return null;
}

/** Little-endian signed read of a 1, 2 or 4-byte field. */
export function readSigned(bytes: Uint8Array, offset: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + (bytes[offset + i] ?? 0);
  const bits = 2 ** (8 * size);
  return v >= bits / 2 ? v - bits : v;
}

/**
 * Where a relative branch or RIP-relative operand of an instruction points, as an offset from the
 * run's start (the caller adds the run's address).
 */
export function relativeTargetOffset(bytes: Uint8Array, insn: RunInsn): number | null {
  const next = insn.offset + insn.length;
  if (relativeBranchOpcode(bytes, insn) !== null && insn.immSize > 0) {
    return next + readSigned(bytes, insn.offset + insn.immOffset, insn.immSize);
  }
  if (insn.ripRelative && insn.dispSize > 0) {
    return next + readSigned(bytes, insn.offset + insn.dispOffset, insn.dispSize);
  }
  return null;
}
