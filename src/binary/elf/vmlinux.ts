import type { AltTable, Diagnostic, KernelVersion } from '../../core/model';
import {
  layerLookups,
  lookupIn,
  symbolTableOf,
  type SymbolLookup,
  type SymbolSet,
  type TableSymbol,
} from '../../core/symbols';
import { ByteReader } from '../byteReader';
import { readImageMembers } from '../btf/imageMembers';
import { failResult, guardRead, offsetError, okResult, type ReadResult } from '../result';
import { getProfile } from '../../core/profiles';
import { readAltInstructions } from './altinstr';
import { findBanner } from './banner';
import { buildAltTable } from './buildTable';
import { readParainstructions } from './parainstructions';
import {
  ET_DYN,
  ET_EXEC,
  readElfHeader,
  readSections,
  SHT_NOBITS,
  type ElfSection,
} from './header';
import { columnsOfNamed, SymbolIndex } from './kallsyms';
import { readFeatureNames, type FeatureNames } from '../kallsyms/capFlags';
import { readImageSymbols, type NamesSource } from '../kallsyms/fromElf';
import { chooseKernel } from './kernelVersion';
import { VirtualMemory } from './memory';

/** Options shared by the image readers. */
export interface ImageOptions {
  /** `--kernel`: overrides the version found in `linux_banner`. */
  kernel?: KernelVersion;
  /** Names from a System.map, used instead of the image's `.symtab`. */
  names?: SymbolIndex;
}

/** A kernel image read into the model, plus what the log and reports need about it. */
export interface KernelImage {
  kind: 'vmlinux' | 'relocatable';
  table: AltTable;
  /** Release from `linux_banner` (or a module's vermagic), e.g. `7.2.13+deb14-cloud-amd64`. */
  release?: string;
  /** The whole `linux_banner` line ("Linux version 7.2.13+deb14-cloud-amd64 (…) #1 SMP …"). */
  banner?: string;
  /** Where `table.kernel` came from. */
  kernelFrom: 'banner' | 'option';
  /** `__alt_instructions` / `__alt_instructions_end`, for the `alt table` log line. */
  altStart: bigint;
  altEnd: bigint;
  names: SymbolIndex;
  /** Where `names` came from: a System.map (`option`), `.symtab`, the image's kallsyms. */
  namesFrom?: NamesSource | 'option';
  /** The image's own `x86_cap_flags`/`x86_bug_flags` names, when its symbols reach them. */
  featureNames?: FeatureNames;
  /** `pv_ops` slots by BTF member path (`pv_ops.irq.save_fl`), when the image has `.BTF`. */
  members: TableSymbol[];
  sections: ElfSection[];
}

const emptyColumns = columnsOfNamed([]);

/** The image's names as plain columns, for posting to the page (decodes every name once). */
export function imageSymbolSet(image: Pick<KernelImage, 'names' | 'members'>): SymbolSet {
  return { base: image.names.toTableData(), members: symbolTableOf(image.members) };
}

/** objdump-style names for the image: BTF member paths first, then its symbol table. */
export function imageSymbols(image: Pick<KernelImage, 'names' | 'members'>): SymbolLookup {
  const base: SymbolLookup = (a) => image.names.nearest(a);
  return image.members.length
    ? (layerLookups(lookupIn(symbolTableOf(image.members)), base) as SymbolLookup)
    : base;
}

/** Read a linked x86-64 kernel (`vmlinux`) into an AltTable. Never throws. */
export function readVmlinux(bytes: Uint8Array, opts: ImageOptions = {}): ReadResult<KernelImage> {
  return guardRead('vmlinux', () => {
    const r = new ByteReader(bytes);
    const h = readElfHeader(r);
    if (h.type !== ET_EXEC && h.type !== ET_DYN) {
      return failResult(
        offsetError(
          'elf-type',
          `e_type ${h.type} is not an executable; read relocatable objects with readRelocatable`,
          16,
          'e_type',
        ),
      );
    }
    const sections = readSections(r, h);
    const mem = new VirtualMemory(r, sections);
    const diagnostics: Diagnostic[] = [];
    const own = opts.names ? undefined : readImageSymbols(r, sections, diagnostics);
    const names = opts.names ?? new SymbolIndex(own?.columns ?? emptyColumns);
    const banner = findImageBanner(mem, sections, names);
    const kernel = chooseKernel(banner, opts.kernel, diagnostics);
    if (!kernel.version) return failResult(...diagnostics);

    const alt = sections.find((s) => s.name === '.altinstructions');
    if (!alt) {
      return failResult(
        offsetError(
          'no-altinstructions',
          'the ELF has no .altinstructions section',
          h.shoff,
          'section headers',
        ),
      );
    }
    const profile = getProfile(kernel.version);
    const table = buildAltTable(
      readAltInstructions(r, alt, profile),
      alt.addr,
      mem,
      names,
      kernel.version,
      diagnostics,
    );
    const para = sections.find((s) => s.name === '.parainstructions');
    if (para && profile.plan.passes.includes('paravirt')) {
      const pv = readParainstructions(r, para, mem, names, diagnostics);
      table.paravirt = pv.sites;
      table.memory = [...table.memory, ...pv.memory];
      table.symbols = [...table.symbols, ...pv.symbols];
    }
    return okResult<KernelImage>(
      {
        kind: 'vmlinux',
        table,
        release: kernel.release,
        ...(banner !== undefined ? { banner: banner.trimEnd() } : {}),
        kernelFrom: kernel.from,
        altStart: alt.addr,
        altEnd: alt.addr + BigInt(alt.size),
        names,
        namesFrom: own?.source ?? 'option',
        featureNames: readFeatureNames(mem, names),
        members: readImageMembers(r, sections, (n) => names.lookup(n), diagnostics),
        sections,
      },
      diagnostics,
    );
  });
}

/** `linux_banner` through its symbol, else the first "Linux version " in `.rodata`. */
function findImageBanner(
  mem: VirtualMemory,
  sections: readonly ElfSection[],
  names: SymbolIndex,
): string | undefined {
  const at = names.lookup('linux_banner');
  const bytes = at !== undefined ? mem.readUpTo(at, 512) : undefined;
  if (bytes) {
    const text = findBanner(bytes);
    if (text) return text;
  }
  const rodata = sections.find((s) => s.name === '.rodata' && s.type !== SHT_NOBITS);
  return rodata ? findBanner(mem.read(rodata.addr, rodata.size) ?? new Uint8Array()) : undefined;
}
