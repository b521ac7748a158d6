import type { ByteReader } from '../byteReader';
import { SHF_ALLOC, SHT_NOBITS, type ElfSection } from './header';

/** Where the module loader would put an object's sections; ours start in the module area. */
export const MODULE_BASE = 0xffffffffc0000000n;
/** Alignments above this are treated as this (a hostile sh_addralign must not blow the layout). */
const MAX_ALIGN = 1n << 20n;

/** One allocated section of a relocatable object, placed at an address, with its own copy. */
export interface PlacedSection {
  section: ElfSection;
  base: bigint;
  /** Relocated contents (a copy), or undefined for NOBITS (reads as zeros). */
  bytes?: Uint8Array;
}

/**
 * Lay out the allocated sections of an ET_REL file one after another, as a module loader
 * does, copying each PROGBITS section once so relocations can be applied to it.
 */
export class SectionLayout {
  readonly placed: PlacedSection[] = [];
  private readonly byIndex = new Map<number, PlacedSection>();

  constructor(r: ByteReader, sections: readonly ElfSection[]) {
    let cursor = MODULE_BASE;
    for (const s of sections) {
      if ((s.flags & BigInt(SHF_ALLOC)) === 0n) continue;
      const align = BigInt(Math.max(1, s.addralign));
      const a = align > MAX_ALIGN ? MAX_ALIGN : align;
      cursor = ((cursor + a - 1n) / a) * a;
      const p: PlacedSection = {
        section: s,
        base: cursor,
        bytes: s.type === SHT_NOBITS ? undefined : r.slice(s.offset, s.size, s.name).slice(),
      };
      this.placed.push(p);
      this.byIndex.set(s.index, p);
      cursor += BigInt(s.size);
    }
  }

  of(index: number): PlacedSection | undefined {
    return this.byIndex.get(index);
  }

  /** The placed section containing [addr, addr+len). Bases increase, so binary search. */
  at(addr: bigint, len = 1): PlacedSection | undefined {
    let lo = 0;
    let hi = this.placed.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.placed[mid] as PlacedSection;
      const end = p.base + BigInt(p.section.size);
      if (addr < p.base) hi = mid - 1;
      else if (addr >= end) lo = mid + 1;
      else return addr + BigInt(len) <= end ? p : undefined;
    }
    return undefined;
  }

  read(addr: bigint, len: number): Uint8Array | undefined {
    const p = this.at(addr, len);
    if (!p) return undefined;
    const off = Number(addr - p.base);
    return p.bytes ? p.bytes.subarray(off, off + len) : new Uint8Array(len);
  }

  /** Up to `max` bytes at `addr`, stopping at the end of its section. */
  readUpTo(addr: bigint, max: number): Uint8Array | undefined {
    const p = this.at(addr);
    if (!p) return undefined;
    const avail = Number(p.base + BigInt(p.section.size) - addr);
    return this.read(addr, Math.min(max, avail));
  }

  /** `section+0xoff`, how relocatable objects show addresses. */
  describe(addr: bigint): string | undefined {
    const p = this.at(addr);
    return p ? `${p.section.name}+0x${(addr - p.base).toString(16)}` : undefined;
  }
}
