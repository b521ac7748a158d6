/**
 * A run of image bytes at a known virtual address (an allocated section of the decompressed
 * kernel): what the kallsyms and name-table readers scan. Offsets are relative to `bytes`.
 */
export interface Region {
  /** Section name, for messages. */
  name: string;
  bytes: Uint8Array;
  /** Virtual address of bytes[0]. */
  addr: bigint;
}

/** Little-endian reads that return undefined past the end instead of throwing. */
export class RegionView {
  readonly view: DataView;
  readonly size: number;
  constructor(readonly region: Region) {
    const b = region.bytes;
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    this.size = b.byteLength;
  }
  u16(o: number): number {
    return o >= 0 && o + 2 <= this.size ? this.view.getUint16(o, true) : -1;
  }
  u32(o: number): number {
    return o >= 0 && o + 4 <= this.size ? this.view.getUint32(o, true) : -1;
  }
  i32(o: number): number | undefined {
    return o >= 0 && o + 4 <= this.size ? this.view.getInt32(o, true) : undefined;
  }
  u64(o: number): bigint | undefined {
    return o >= 0 && o + 8 <= this.size ? this.view.getBigUint64(o, true) : undefined;
  }
  /** True when every byte of [from, to) is zero (alignment padding). */
  zeros(from: number, to: number): boolean {
    if (from < 0 || to > this.size) return false;
    for (let i = from; i < to; i++) if (this.region.bytes[i] !== 0) return false;
    return true;
  }
}

/** `o` rounded up to a multiple of `a` (a power of two). */
export const alignUp = (o: number, a: number): number => (o + a - 1) & ~(a - 1);
