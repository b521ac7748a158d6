import type { InsnDecoder } from '../ports';
import { X86_NOPS } from './nops';
import type { OnNopRun } from './nops';

/** `ASM_NOP_MAX` on x86-64 before 6.4 (6.1): the table stops at the 8-byte NOP. */
export const ASM_NOP_MAX_61 = 8;

/** 6.1's `add_nops()`: greedy chunks of at most 8 bytes, no jump over INT3 padding. */
export function addNops61(buf: Uint8Array, at: number, n: number): void {
  let p = at;
  let left = n;
  while (left > 0) {
    const k = Math.min(left, ASM_NOP_MAX_61);
    buf.set(X86_NOPS[k] as number[], p);
    p += k;
    left -= k;
  }
}

/**
 * 6.1's `optimize_nops()`: walk the instructions; at a one-byte `90` count the raw `0x90` bytes
 * that follow (up to `len`) and, when there are two or more, rewrite them with `add_nops()`.
 * Other NOP forms are never touched and a lone `90` stays. Stops at an undecodable instruction.
 */
export function optimizeNops61(
  buf: Uint8Array,
  len: number,
  decoder: InsnDecoder,
  onRun?: OnNopRun,
): void {
  let i = 0;
  while (i < len) {
    const insn = decoder.decode(buf, i, len);
    if (!insn.ok) return;
    if (insn.length !== 1 || buf[i] !== 0x90) {
      i += insn.length;
      continue;
    }
    let j = i;
    while (j < len && buf[j] === 0x90) j++;
    if (j - i > 1) {
      const before = onRun ? buf.slice(i, j) : new Uint8Array(0);
      addNops61(buf, i, j - i);
      onRun?.(i, j, before, buf);
    }
    i = j;
  }
}
