import type { Addr } from '../model';
import type { TextImage } from './types';

/** One mapped piece of the kernel: a section's name, start and bytes. */
export interface ImageRegion {
  name: string;
  addr: Addr;
  bytes: Uint8Array;
}

/** Copy-on-write granularity: a page (the passes write ~88 % of a 7.2 `.text`'s pages). */
const PAGE_SHIFT = 12;
const PAGE = 1 << PAGE_SHIFT;

/**
 * The kernel's sections as the boot leaves them, over the file's bytes: a page is copied when a
 * pass first writes to it, so the sections no pass writes (`.rodata`, `.BTF`, `.init.data` …,
 * ~60 % of a vmlinuz's ALLOC bytes) are never copied (issue 13). The file's bytes stay beside
 * it so the boot's changes can be listed (memdiff). Reads and writes never cross a region's end.
 */
export class RegionImage implements TextImage {
  /** The file's bytes, per region, in address order (never written). */
  readonly originals: readonly ImageRegion[];
  private readonly starts: bigint[];
  private readonly ends: bigint[];
  private readonly lengths: number[];
  /** Per region, its written pages (index: offset >> PAGE_SHIFT); unwritten pages are the file's. */
  private readonly pages: (Uint8Array | undefined)[][];

  constructor(regions: readonly ImageRegion[]) {
    this.originals = [...regions].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    this.starts = this.originals.map((r) => r.addr);
    this.ends = this.originals.map((r) => r.addr + BigInt(r.bytes.length));
    this.lengths = this.originals.map((r) => r.bytes.length);
    // Filled with undefined (not sparse): a holey array this large would be a slow dictionary.
    this.pages = this.originals.map((r) =>
      new Array<Uint8Array | undefined>(Math.ceil(r.bytes.length / PAGE)).fill(undefined),
    );
  }

  /** Index of the region holding [addr, addr+len), or -1. */
  indexOf(addr: bigint, len = 1): number {
    const i = this.regionAt(addr);
    return i >= 0 && this.offsetIn(i, addr) + len <= this.lengths[i]! ? i : -1;
  }

  /** Index of the region holding `addr`, or -1 (comparisons only: no bigint is made). */
  private regionAt(addr: bigint): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (addr < (this.starts[mid] as bigint)) hi = mid - 1;
      else if (addr >= (this.ends[mid] as bigint)) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  private offsetIn(i: number, addr: bigint): number {
    return Number(addr - (this.starts[i] as bigint));
  }

  read(addr: Addr, len: number): Uint8Array | undefined {
    const i = this.regionAt(addr);
    if (i < 0) return undefined;
    const off = this.offsetIn(i, addr);
    if (off + len > this.lengths[i]!) return undefined;
    const p = off >>> PAGE_SHIFT;
    if (len === 0 || (off + len - 1) >>> PAGE_SHIFT === p) {
      const page = (this.pages[i] as (Uint8Array | undefined)[])[p];
      if (!page) return (this.originals[i] as ImageRegion).bytes.slice(off, off + len);
      const at = off - p * PAGE;
      return page.slice(at, at + len);
    }
    const out = new Uint8Array(len);
    const pages = this.pages[i] as (Uint8Array | undefined)[];
    const file = (this.originals[i] as ImageRegion).bytes;
    this.eachPage(off, len, (p, at, from, n) => {
      const page = pages[p];
      out.set(
        page ? page.subarray(at, at + n) : file.subarray(p * PAGE + at, p * PAGE + at + n),
        from,
      );
    });
    return out;
  }

  write(addr: Addr, bytes: Uint8Array): boolean {
    const i = this.regionAt(addr);
    if (i < 0) return false;
    const off = this.offsetIn(i, addr);
    if (off + bytes.length > this.lengths[i]!) return false;
    const pages = this.pages[i] as (Uint8Array | undefined)[];
    const file = (this.originals[i] as ImageRegion).bytes;
    // A loop, not eachPage: ~150k writes a boot, a closure each showed in profiles.
    for (let from = 0; from < bytes.length;) {
      const o = off + from;
      const p = o >>> PAGE_SHIFT;
      const n = Math.min(bytes.length - from, (p + 1) * PAGE - o);
      const page = (pages[p] ??= file.slice(p * PAGE, (p + 1) * PAGE));
      page.set(n === bytes.length ? bytes : bytes.subarray(from, from + n), o - p * PAGE);
      from += n;
    }
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
    const v = this.read(addr as Addr, 8);
    return v ? new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true) : undefined;
  }

  /**
   * The written pages' parts inside [addr, addr+len) (one region), in address order, as live
   * views beside the file's bytes: only they can differ from the file.
   */
  writtenPieces(addr: bigint, len: number): { addr: bigint; now: Uint8Array; was: Uint8Array }[] {
    const i = this.indexOf(addr, len);
    if (i < 0) return [];
    const start = this.starts[i] as bigint;
    const pages = this.pages[i] as (Uint8Array | undefined)[];
    const file = (this.originals[i] as ImageRegion).bytes;
    const out: { addr: bigint; now: Uint8Array; was: Uint8Array }[] = [];
    this.eachPage(Number(addr - start), len, (p, at, _, n) => {
      const page = pages[p];
      if (!page) return;
      const off = p * PAGE + at;
      out.push({
        addr: start + BigInt(off),
        now: page.subarray(at, at + n),
        was: file.subarray(off, off + n),
      });
    });
    return out;
  }

  /** Split [off, off+len) of a region by page: the page, where in it, where in the range, how long. */
  private eachPage(
    off: number,
    len: number,
    fn: (p: number, at: number, from: number, n: number) => void,
  ): void {
    for (let from = 0; from < len;) {
      const o = off + from;
      const p = o >>> PAGE_SHIFT;
      const n = Math.min(len - from, (p + 1) * PAGE - o);
      fn(p, o - p * PAGE, from, n);
      from += n;
    }
  }
}
