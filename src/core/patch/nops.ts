import type { InsnDecoder } from '../ports';
import type { IsNop } from './isNop';

/** `ASM_NOP_MAX` on x86-64 since 6.4 (6.12 and 7.2). */
export const ASM_NOP_MAX = 11;

/** `x86_nops[n]` on x86-64 (`BYTES_NOP1..11`). */
export const X86_NOPS: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/**
 * `add_nop()`: one NOP up to 11 bytes; longer runs become a jump over INT3 fill
 * (`eb rel8` below 128 bytes, else `e9 rel32`), so the CPU never decodes the padding.
 */
export function addNop(buf: Uint8Array, at: number, n: number): void {
  if (n <= 0) return;
  if (n <= ASM_NOP_MAX) {
    buf.set(X86_NOPS[n] as number[], at);
    return;
  }
  let p = at;
  if (n < 128) {
    buf[p] = 0xeb;
    buf[p + 1] = n - 2;
    p += 2;
  } else {
    const rel = n - 5;
    buf[p] = 0xe9;
    buf[p + 1] = rel & 0xff;
    buf[p + 2] = (rel >>> 8) & 0xff;
    buf[p + 3] = (rel >>> 16) & 0xff;
    buf[p + 4] = (rel >>> 24) & 0xff;
    p += 5;
  }
  buf.fill(0xcc, p, at + n);
}

/** Called after each run is rewritten, with the whole buffer as it is now (for the log dump). */
export type OnNopRun = (start: number, end: number, before: Uint8Array, buf: Uint8Array) => void;

/**
 * `optimize_nops()` of 6.4+: every run of decoded NOPs that does not already reach the end with a
 * single NOP is replaced by `add_nop()` — even a lone canonical NOP (the kernel rewrites and logs
 * it). Stops at the first undecodable instruction, like the kernel.
 */
export function optimizeNops(
  buf: Uint8Array,
  len: number,
  decoder: InsnDecoder,
  isNop: IsNop,
  onRun?: OnNopRun,
): void {
  let i = 0;
  while (i < len) {
    const insn = decoder.decode(buf, i, len);
    if (!insn.ok) return;
    let next = i + insn.length;
    if (isNop(buf, i, insn)) {
      if (next === len) return;
      next = skipNops(buf, next, len, decoder, isNop);
      const before = onRun ? buf.slice(i, next) : EMPTY;
      addNop(buf, i, next - i);
      onRun?.(i, next, before, buf);
    }
    i = next;
  }
}

const EMPTY = new Uint8Array(0);

function skipNops(
  buf: Uint8Array,
  off: number,
  len: number,
  decoder: InsnDecoder,
  isNop: IsNop,
): number {
  while (off < len) {
    const insn = decoder.decode(buf, off, len);
    if (!insn.ok || !isNop(buf, off, insn)) break;
    off += insn.length;
  }
  return off;
}
