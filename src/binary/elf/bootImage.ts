import type { Addr, AltTable, KernelVersion } from '../../core/model';
import type { BootInput } from '../../core/passes/boot';
import type { DiffRange } from '../../core/passes/memdiff';
import type { ImageRegion } from '../../core/passes/textImage';
import type { BootTables } from '../../core/passes/types';
import { siteLength } from '../../core/table/groupSites';
import { ByteReader } from '../byteReader';
import { readBootTables } from './bootTables';
import { SHF_ALLOC, SHT_NOBITS, type ElfSection } from './header';
import type { SymbolIndex } from './kallsyms';
import type { KernelImage } from './vmlinux';

/** The sections memdiff compares in full (the captures' `memdiff.txt` ranges). */
export const MEMDIFF_SECTIONS = [
  '.text',
  '.init.text',
  '.altinstr_aux',
  '.altinstr_replacement',
  '.exit.text',
];

/** What the boot passes need from a linked kernel: its bytes by address, tables and names. */
export interface BootImageParts {
  regions: ImageRegion[];
  tables: BootTables;
  /** The memdiff ranges: the text sections, plus alternative sites that lie elsewhere. */
  diffRanges: DiffRange[];
  names: SymbolIndex;
  /** `init_section_contains()`. */
  isInit(addr: bigint): boolean;
}

/** Collect the boot passes' inputs from an ELF already read into `sections` and `names`. */
export function readBootImage(
  bytes: Uint8Array,
  sections: readonly ElfSection[],
  names: SymbolIndex,
  table: AltTable,
): BootImageParts {
  const r = new ByteReader(bytes);
  const alloc = sections.filter(
    (s) => (s.flags & BigInt(SHF_ALLOC)) !== 0n && s.type !== SHT_NOBITS && s.addr !== 0n,
  );
  const regions: ImageRegion[] = alloc.map((s) => ({
    name: s.name,
    addr: s.addr as ImageRegion['addr'],
    bytes: r.slice(s.offset, s.size, s.name),
  }));
  const diffRanges: DiffRange[] = alloc
    .filter((s) => MEMDIFF_SECTIONS.includes(s.name))
    .map((s) => ({ addr: s.addr, len: s.size }));
  for (const site of table.sites) {
    const inText = diffRanges.some(
      (d) => site.addr >= d.addr && site.addr < d.addr + BigInt(d.len),
    );
    if (!inText) diffRanges.push({ addr: site.addr, len: siteLength(site.entries) });
  }
  const init = alloc.filter((s) => s.name === '.init.text' || s.name === '.init.data');
  return {
    regions,
    tables: readBootTables(bytes, sections, names),
    diffRanges,
    names,
    isInit: (a) => init.some((s) => a >= s.addr && a < s.addr + BigInt(s.size)),
  };
}

/** The whole-boot input for an ELF read by readVmlinux (the generation defaults to its table's). */
export function bootInputOf(
  elf: Uint8Array,
  image: KernelImage,
  rest: Pick<BootInput, 'features' | 'options' | 'only' | 'loop'> & {
    generation?: KernelVersion;
    /** Tables read from another image of the same kernel, used where this one has none. */
    more?: BootTables;
  },
): BootInput {
  const parts = readBootImage(elf, image.sections, image.names, image.table);
  if (rest.more) parts.tables = fillTables(parts.tables, rest.more);
  return {
    generation: rest.generation ?? image.table.kernel,
    table: image.table,
    regions: parts.regions,
    tables: parts.tables,
    diffRanges: parts.diffRanges,
    symbol: (n) => image.names.lookup(n) as Addr | undefined,
    isInit: parts.isInit,
    features: rest.features,
    options: rest.options,
    only: rest.only,
    loop: rest.loop,
  };
}

/** A vmlinux that kept the other boot passes' site tables (`vmlinux-passes`, a full vmlinux). */
export const hasPassTables = (sections: readonly { name: string }[]): boolean =>
  sections.some((s) => s.name === '.return_sites' || s.name === '.retpoline_sites');

/** Each table of `main`, or `more`'s when `main`'s is empty (e.g. a trimmed vmlinux's runtime_ptr_*). */
export function fillTables(main: BootTables, more: BootTables): BootTables {
  const out = { ...main };
  for (const k of Object.keys(main) as (keyof BootTables)[]) {
    if (main[k].length === 0 && more[k].length > 0) (out as Record<string, unknown>)[k] = more[k];
  }
  return out;
}
