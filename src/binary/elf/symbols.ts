import type { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';
import { SHT_SYMTAB, type ElfSection } from './header';

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;

export const SYM_SIZE = 24;

/** One `.symtab` entry. */
export interface ElfSymbol {
  index: number;
  name: string;
  value: bigint;
  size: bigint;
  type: number;
  bind: number;
  shndx: number;
}

/** `.symtab` and its string table, validated; undefined when the file has no symtab. */
export interface SymtabLocation {
  symtab: ElfSection;
  strtab: ElfSection;
  count: number;
}

/** Find and validate `.symtab` and its linked string table (whole table bounds-checked once). */
export function locateSymtab(
  r: ByteReader,
  sections: readonly ElfSection[],
): SymtabLocation | undefined {
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  if (!symtab) return undefined;
  if (symtab.entsize !== SYM_SIZE) {
    throw new ReadAbort(
      offsetError(
        'bad-entsize',
        `.symtab sh_entsize ${symtab.entsize} is not ${SYM_SIZE}`,
        symtab.headerOffset + 56,
        '.symtab sh_entsize',
      ),
    );
  }
  if (symtab.size % SYM_SIZE !== 0) {
    throw new ReadAbort(
      offsetError(
        'bad-size',
        `.symtab size ${symtab.size} is not a multiple of ${SYM_SIZE}`,
        symtab.headerOffset + 32,
        '.symtab sh_size',
      ),
    );
  }
  const strtab = sections[symtab.link];
  if (!strtab || strtab.type !== 3) {
    throw new ReadAbort(
      offsetError(
        'bad-link',
        `.symtab sh_link ${symtab.link} is not a string table`,
        symtab.headerOffset + 40,
        '.symtab sh_link',
      ),
    );
  }
  r.check(symtab.offset, symtab.size, '.symtab');
  return { symtab, strtab, count: symtab.size / SYM_SIZE };
}

/** `st_name` of symbol `i`, checked against its string table. */
export function readNameOffset(r: ByteReader, at: SymtabLocation, i: number): number {
  const o = at.symtab.offset + i * SYM_SIZE;
  const nameOff = r.view.getUint32(o, true);
  if (nameOff >= at.strtab.size && nameOff !== 0) {
    throw new ReadAbort(
      offsetError(
        'bad-name',
        `symbol ${i} st_name ${nameOff} is outside its string table (size ${at.strtab.size})`,
        o,
        'st_name',
      ),
    );
  }
  return nameOff;
}

/** Read `.symtab` with its linked string table; absent symtab gives an empty list. */
export function readSymbols(r: ByteReader, sections: readonly ElfSection[]): ElfSymbol[] {
  const at = locateSymtab(r, sections);
  if (!at) return [];
  const { symtab, strtab, count } = at;
  const out: ElfSymbol[] = new Array<ElfSymbol>(count);
  const strEnd = strtab.offset + strtab.size;
  const v = r.view;
  for (let i = 0; i < count; i++) {
    const o = symtab.offset + i * SYM_SIZE;
    const nameOff = readNameOffset(r, at, i);
    const info = v.getUint8(o + 4);
    out[i] = {
      index: i,
      name: nameOff === 0 ? '' : r.cstring(strtab.offset + nameOff, strEnd, 'symbol name'),
      type: info & 0xf,
      bind: info >> 4,
      shndx: v.getUint16(o + 6, true),
      value: v.getBigUint64(o + 8, true),
      size: v.getBigUint64(o + 16, true),
    };
  }
  return out;
}
