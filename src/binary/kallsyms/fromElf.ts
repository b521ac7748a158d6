import type { Diagnostic } from '../../core/model';
import type { ByteReader } from '../byteReader';
import { SHT_NOBITS, type ElfSection } from '../elf/header';
import type { SymbolColumns } from '../elf/kallsyms';
import { readKallsymColumns } from '../elf/kallsymColumns';
import { readKallsyms, type Kallsyms } from './read';
import type { Region } from './region';

/** Where an image's names came from. */
export type NamesSource = 'symtab' | 'kallsyms' | 'none';

/** The bytes of an allocated section as a Region, or undefined (NOBITS, outside the file). */
export function sectionRegion(r: ByteReader, s: ElfSection | undefined): Region | undefined {
  if (!s || s.type === SHT_NOBITS || s.size <= 0 || s.offset + s.size > r.size) return undefined;
  return { name: s.name, bytes: r.bytes.subarray(s.offset, s.offset + s.size), addr: s.addr };
}

/**
 * An image's own symbols: `.symtab` when the ELF has one (a debug vmlinux), else the kernel's
 * kallsyms decoded from `.rodata` (a stripped vmlinux, as inside every bzImage).
 */
export function readImageSymbols(
  r: ByteReader,
  sections: readonly ElfSection[],
  diagnostics: Diagnostic[],
): { columns: SymbolColumns; source: NamesSource; kallsyms?: Kallsyms } {
  const symtab = readKallsymColumns(r, sections);
  if (symtab.count > 0) return { columns: symtab, source: 'symtab' };
  const rodata = sectionRegion(
    r,
    sections.find((s) => s.name === '.rodata'),
  );
  if (!rodata) return { columns: symtab, source: 'none' };
  const k = readKallsyms(rodata);
  diagnostics.push(...k.diagnostics);
  return k.ok
    ? { columns: k.value.columns, source: 'kallsyms', kallsyms: k.value }
    : { columns: symtab, source: 'none' };
}
