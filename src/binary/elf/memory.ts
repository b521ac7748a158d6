import type { ByteReader } from '../byteReader';
import { SHF_ALLOC, SHT_NOBITS, type ElfSection } from './header';

/**
 * Reads the kernel image by virtual address through its allocated sections. NOBITS
 * sections (.bss) read as zeros, as they are at boot before anything writes them.
 */
export class VirtualMemory {
  private readonly sections: ElfSection[];
  /** Per section: end address and the label of its reads (made once: ~25k reads per vmlinux). */
  private readonly ends: bigint[];
  private readonly labels: string[];

  constructor(
    private readonly r: ByteReader,
    sections: readonly ElfSection[],
  ) {
    this.sections = sections
      .filter((s) => (s.flags & BigInt(SHF_ALLOC)) !== 0n && s.addr !== 0n && s.size > 0)
      .sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    this.ends = this.sections.map((s) => s.addr + BigInt(s.size));
    this.labels = this.sections.map((s) => `${s.name} bytes`);
  }

  private indexAt(addr: bigint, len: number): number {
    let lo = 0;
    let hi = this.sections.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sections[mid] as ElfSection;
      const end = this.ends[mid] as bigint;
      if (addr < s.addr) hi = mid - 1;
      else if (addr >= end) lo = mid + 1;
      else return addr + BigInt(len) <= end ? mid : -1;
    }
    return -1;
  }

  /** The section containing [addr, addr+len), if one does entirely. */
  sectionAt(addr: bigint, len = 1): ElfSection | undefined {
    return this.sections[this.indexAt(addr, len)];
  }

  /** `len` bytes at `addr` (a view into the file), or undefined if not mapped. */
  read(addr: bigint, len: number): Uint8Array | undefined {
    const i = this.indexAt(addr, len);
    const s = this.sections[i];
    if (!s) return undefined;
    if (s.type === SHT_NOBITS) return new Uint8Array(len);
    return this.r.slice(s.offset + Number(addr - s.addr), len, this.labels[i] as string);
  }

  /** Up to `max` bytes at `addr`, stopping at the end of its section. */
  readUpTo(addr: bigint, max: number): Uint8Array | undefined {
    const s = this.sectionAt(addr);
    if (!s) return undefined;
    const avail = Number(s.addr + BigInt(s.size) - addr);
    return this.read(addr, Math.min(max, avail));
  }

  /** File offset of a virtual address (for diagnostics), or -1. */
  fileOffset(addr: bigint): number {
    const s = this.sectionAt(addr);
    return s && s.type !== SHT_NOBITS ? s.offset + Number(addr - s.addr) : -1;
  }
}
