import type { Addr } from '../model';
import type { TextImage } from './types';

/** One mapped piece of the kernel: a section's name, start and bytes. */
export interface ImageRegion {
  name: string;
  addr: Addr;
  bytes: Uint8Array;
}

/**
 * A writable copy of the kernel's sections, keeping the file's bytes beside it so the boot's
 * changes can be listed (memdiff). Reads and writes never cross a region's end.
 */
export class RegionImage implements TextImage {
  readonly regions: readonly ImageRegion[];
  /** The file's bytes, per region (never written). */
  readonly originals: readonly ImageRegion[];
  private readonly starts: bigint[];
  private readonly ends: bigint[];

  constructor(regions: readonly ImageRegion[]) {
    this.originals = [...regions].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    this.regions = this.originals.map((r) => ({ ...r, bytes: r.bytes.slice() }));
    this.starts = this.regions.map((r) => r.addr);
    this.ends = this.regions.map((r) => r.addr + BigInt(r.bytes.length));
  }

  /** Index of the region holding [addr, addr+len), or -1. */
  indexOf(addr: bigint, len = 1): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (addr < (this.starts[mid] as bigint)) hi = mid - 1;
      else if (addr >= (this.ends[mid] as bigint)) lo = mid + 1;
      else return addr + BigInt(len) <= (this.ends[mid] as bigint) ? mid : -1;
    }
    return -1;
  }

  /** A live view (not a copy) of `len` bytes at `addr`; for readers that do not keep it. */
  view(addr: bigint, len: number): Uint8Array | undefined {
    const i = this.indexOf(addr, len);
    if (i < 0) return undefined;
    const off = Number(addr - (this.starts[i] as bigint));
    return (this.regions[i] as ImageRegion).bytes.subarray(off, off + len);
  }

  read(addr: Addr, len: number): Uint8Array | undefined {
    return this.view(addr, len)?.slice();
  }

  write(addr: Addr, bytes: Uint8Array): boolean {
    const v = this.view(addr, bytes.length);
    if (!v) return false;
    v.set(bytes);
    return true;
  }

  /** The file's bytes at `addr` (before any pass), or undefined. */
  original(addr: bigint, len: number): Uint8Array | undefined {
    const i = this.indexOf(addr, len);
    if (i < 0) return undefined;
    const off = Number(addr - (this.starts[i] as bigint));
    return (this.originals[i] as ImageRegion).bytes.subarray(off, off + len);
  }

  /** A little-endian u64 at `addr` (pointers in `.data`), or undefined. */
  readU64(addr: bigint): bigint | undefined {
    const v = this.view(addr, 8);
    return v ? new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true) : undefined;
  }
}
