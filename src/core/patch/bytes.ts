import type { Addr } from '../model';

/** `%px` on x86-64: 16 lowercase hex digits, no `0x`. */
export function formatPx(addr: bigint): string {
  return BigInt.asUintN(64, addr).toString(16).padStart(16, '0');
}

const HEX_DIGITS = '0123456789abcdef';
const dumpChars: number[] = [];

/**
 * The kernel's DUMP_BYTES body: `%02hhx` joined by single spaces. Built as one flat string
 * (tens of thousands of these lines are made per kernel).
 */
export function formatDump(bytes: Uint8Array, len = bytes.length): string {
  dumpChars.length = 0;
  for (let i = 0; i < len; i++) {
    const b = bytes[i] as number;
    if (i) dumpChars.push(32);
    dumpChars.push(HEX_DIGITS.charCodeAt(b >> 4), HEX_DIGITS.charCodeAt(b & 15));
  }
  return String.fromCharCode.apply(null, dumpChars);
}

/** Lowercase hex without separators (reports, JSON). */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

export function readS32(buf: Uint8Array, off: number): number {
  return (
    (buf[off] as number) |
    ((buf[off + 1] as number) << 8) |
    ((buf[off + 2] as number) << 16) |
    ((buf[off + 3] as number) << 24) |
    0
  );
}

export function writeS32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v & 0xff;
  buf[off + 1] = (v >>> 8) & 0xff;
  buf[off + 2] = (v >>> 16) & 0xff;
  buf[off + 3] = (v >>> 24) & 0xff;
}

/** Signed little-endian field of width 1, 2 or 4. */
export function readSigned(buf: Uint8Array, off: number, width: number): number {
  if (width === 1) return ((buf[off] as number) << 24) >> 24;
  if (width === 2) return (((buf[off] as number) | ((buf[off + 1] as number) << 8)) << 16) >> 16;
  return readS32(buf, off);
}

export function writeSigned(buf: Uint8Array, off: number, width: number, v: number): void {
  buf[off] = v & 0xff;
  if (width >= 2) buf[off + 1] = (v >>> 8) & 0xff;
  if (width === 4) {
    buf[off + 2] = (v >>> 16) & 0xff;
    buf[off + 3] = (v >>> 24) & 0xff;
  }
}

/** `(s32)(a - b)` for two addresses: the kernel's pointer difference truncated to 32 bits. */
export function addrDiff32(a: Addr | bigint, b: Addr | bigint): number {
  return Number(BigInt.asIntN(32, a - b));
}

export function readU64(buf: Uint8Array, off: number): bigint {
  return new DataView(buf.buffer, buf.byteOffset + off, 8).getBigUint64(0, true);
}
