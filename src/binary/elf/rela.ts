import type { Diagnostic } from '../../core/model';
import type { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';
import { SHT_RELA, type ElfSection } from './header';
import type { SectionLayout } from './layout';
import { SHN_UNDEF, type ElfSymbol } from './symbols';

export const R_X86_64_64 = 1;
export const R_X86_64_PC32 = 2;
export const R_X86_64_PLT32 = 4;
export const R_X86_64_32 = 10;
export const R_X86_64_32S = 11;
export const R_X86_64_PC64 = 24;

const RELA_SIZE = 24;
/** Unsupported relocations listed one by one before they are summarised. */
const MAX_LISTED = 20;
const TYPE_NAMES: Record<number, string> = {
  [R_X86_64_64]: 'R_X86_64_64',
  [R_X86_64_PC32]: 'R_X86_64_PC32',
  [R_X86_64_PLT32]: 'R_X86_64_PLT32',
  [R_X86_64_32]: 'R_X86_64_32',
  [R_X86_64_32S]: 'R_X86_64_32S',
  [R_X86_64_PC64]: 'R_X86_64_PC64',
};

/** One applied relocation, kept for reports (e.g. calls inside `.altinstr_replacement`). */
export interface AppliedRela {
  /** Section the relocation patches. */
  section: string;
  offset: number;
  type: string;
  symbol: string;
  addend: bigint;
}

/**
 * Apply every RELA section that targets an allocated section, as `apply_relocate_add` does
 * (`S + A` / `S + A − P`). Unknown types and undefined symbols leave the field as is and are
 * reported once per kind, not once per relocation.
 */
export function applyRelocations(
  r: ByteReader,
  sections: readonly ElfSection[],
  symbols: readonly ElfSymbol[],
  layout: SectionLayout,
  diagnostics: Diagnostic[],
): AppliedRela[] {
  const applied: AppliedRela[] = [];
  const undefinedNames = new Set<string>();
  let unknownTypes = 0;
  for (const rs of sections) {
    if (rs.type !== SHT_RELA) continue;
    const target = layout.of(rs.info);
    if (!target) continue;
    if (rs.entsize !== RELA_SIZE || rs.size % RELA_SIZE !== 0) {
      throw new ReadAbort(
        offsetError(
          'bad-rela',
          `${rs.name}: sh_entsize ${rs.entsize} / sh_size ${rs.size} do not describe 24-byte Elf64_Rela entries`,
          rs.headerOffset + 56,
          `${rs.name} sh_entsize`,
        ),
      );
    }
    const n = rs.size / RELA_SIZE;
    for (let i = 0; i < n; i++) {
      const o = rs.offset + i * RELA_SIZE;
      const offset = r.u64n(o, `${rs.name} r_offset`);
      const info = r.u64(o + 8, `${rs.name} r_info`);
      const addend = BigInt.asIntN(64, r.u64(o + 16, `${rs.name} r_addend`));
      const type = Number(info & 0xffffffffn);
      const symIndex = Number(info >> 32n);
      const sym = symbols[symIndex];
      if (!sym) {
        throw new ReadAbort(
          offsetError(
            'bad-rela',
            `${rs.name} entry ${i}: symbol index ${symIndex} is not in .symtab (${symbols.length} symbols)`,
            o + 8,
            `${rs.name} r_info`,
          ),
        );
      }
      const typeName = TYPE_NAMES[type];
      if (!typeName) {
        unknownTypes++;
        if (unknownTypes <= MAX_LISTED)
          diagnostics.push(
            offsetError(
              'rela-type',
              `${rs.name} entry ${i}: relocation type ${type} is not supported; field left unrelocated`,
              o + 8,
              `${rs.name} r_info`,
            ),
          );
        continue;
      }
      const width = type === R_X86_64_64 || type === R_X86_64_PC64 ? 8 : 4;
      if (offset + width > target.section.size) {
        throw new ReadAbort(
          offsetError(
            'bad-rela',
            `${rs.name} entry ${i}: r_offset ${offset} is outside ${target.section.name} (size ${target.section.size})`,
            o,
            `${rs.name} r_offset`,
          ),
        );
      }
      const symName = sym.name || (layout.of(sym.shndx)?.section.name ?? `#${symIndex}`);
      const base = sym.shndx === SHN_UNDEF ? undefined : layout.of(sym.shndx)?.base;
      if (base === undefined) {
        undefinedNames.add(symName);
        continue;
      }
      if (!target.bytes) continue;
      const S = base + sym.value;
      const P = target.base + BigInt(offset);
      const pcrel = type === R_X86_64_PC32 || type === R_X86_64_PLT32 || type === R_X86_64_PC64;
      const value = S + addend - (pcrel ? P : 0n);
      const dv = new DataView(target.bytes.buffer, target.bytes.byteOffset + offset, width);
      if (width === 8) dv.setBigUint64(0, BigInt.asUintN(64, value), true);
      else dv.setUint32(0, Number(BigInt.asUintN(32, value)), true);
      applied.push({
        section: target.section.name,
        offset,
        type: typeName,
        symbol: symName,
        addend,
      });
    }
  }
  if (unknownTypes > MAX_LISTED) {
    diagnostics.push({
      severity: 'error',
      code: 'rela-type',
      message: `${unknownTypes - MAX_LISTED} more relocations of unsupported types`,
    });
  }
  if (undefinedNames.size > 0) {
    const some = [...undefinedNames].slice(0, 5).join(', ');
    diagnostics.push({
      severity: 'warning',
      code: 'rela-undefined',
      message: `relocations against ${undefinedNames.size} undefined symbol(s) (${some}${undefinedNames.size > 5 ? ', …' : ''}) left as 0: they are resolved only when the module is loaded`,
    });
  }
  return applied;
}
