import type { Diagnostic } from '../../core/model';
import { ByteReader } from '../byteReader';
import { failResult, guardRead, offsetError, okResult, type ReadResult } from '../result';
import { getProfile } from '../../core/profiles';
import { readAltInstructions } from './altinstr';
import { findBanner } from './banner';
import { buildAltTable } from './buildTable';
import { ET_REL, readElfHeader, readSections } from './header';
import { columnsOfNamed, selectKallsyms, SymbolIndex, type NamedAddr } from './kallsyms';
import { chooseKernel } from './kernelVersion';
import { SectionLayout } from './layout';
import { applyRelocations, type AppliedRela } from './rela';
import { readSymbols } from './symbols';
import type { ImageOptions, KernelImage } from './vmlinux';

/** A relocatable object read into the model, with the relocations the loader would apply. */
export interface RelocatableImage extends KernelImage {
  /** Relocations applied inside `.altinstr_replacement` (calls and jumps out of replacements). */
  replacementRelocations: AppliedRela[];
  /** `section+0xoff` for an address of the laid-out object. */
  describe: (addr: bigint) => string | undefined;
}

/**
 * Read a `.o` / `.ko`: lay its sections out like the module loader, apply its RELA
 * relocations (which resolves `.altinstructions` through `.rela.altinstructions`), then read
 * the table as for vmlinux. Addresses are in the synthetic module area; `describe` turns them
 * into `section+offset`.
 */
export function readRelocatable(
  bytes: Uint8Array,
  opts: ImageOptions = {},
): ReadResult<RelocatableImage> {
  return guardRead('relocatable object', () => {
    const r = new ByteReader(bytes);
    const h = readElfHeader(r);
    if (h.type !== ET_REL)
      return failResult(
        offsetError('elf-type', `e_type ${h.type} is not ET_REL (1)`, 16, 'e_type'),
      );
    const sections = readSections(r, h);
    const layout = new SectionLayout(r, sections);
    const symbols = readSymbols(r, sections);
    const diagnostics: Diagnostic[] = [];
    const replacementRelocations = applyRelocations(
      r,
      sections,
      symbols,
      layout,
      diagnostics,
    ).filter((a) => a.section === '.altinstr_replacement');
    const placedSyms: NamedAddr[] = [];
    for (const s of selectKallsyms(symbols, sections)) {
      const base = s.shndx !== undefined ? layout.of(s.shndx)?.base : undefined;
      if (base !== undefined) placedSyms.push({ ...s, addr: base + s.addr });
    }
    const names = opts.names ?? new SymbolIndex(columnsOfNamed(placedSyms));
    const bannerText = findModuleBanner(layout, names);
    const kernel = chooseKernel(bannerText, opts.kernel, diagnostics);
    if (!kernel.version) return failResult(...diagnostics);
    const alt = layout.placed.find((p) => p.section.name === '.altinstructions');
    if (!alt)
      return failResult(
        offsetError(
          'no-altinstructions',
          'the object has no .altinstructions section',
          h.shoff,
          'section headers',
        ),
      );
    const describe = (addr: bigint) => layout.describe(addr);
    const raws = readAltInstructions(
      new ByteReader(alt.bytes ?? new Uint8Array()),
      { ...alt.section, offset: 0 },
      getProfile(kernel.version),
    );
    for (const raw of raws) raw.fileOffset += alt.section.offset;
    const table = buildAltTable(
      raws,
      alt.base,
      layout,
      names,
      kernel.version,
      diagnostics,
      describe,
    );
    return okResult<RelocatableImage>(
      {
        kind: 'relocatable',
        table,
        release: kernel.release,
        kernelFrom: kernel.from,
        altStart: alt.base,
        altEnd: alt.base + BigInt(alt.section.size),
        names,
        // Modules carry their own BTF, but pv_ops lives in vmlinux: no member paths here.
        members: [],
        sections,
        replacementRelocations,
        describe,
      },
      diagnostics,
    );
  });
}

/** A module's `.modinfo` vermagic, or a `linux_banner` it happens to define. */
function findModuleBanner(layout: SectionLayout, names: SymbolIndex): string | undefined {
  const modinfo = layout.placed.find((p) => p.section.name === '.modinfo');
  if (modinfo?.bytes) {
    const text = new TextDecoder().decode(modinfo.bytes);
    const m = /vermagic=[^\0]*/.exec(text);
    if (m) return m[0];
  }
  const at = names.lookup('linux_banner');
  const bytes = at !== undefined ? layout.readUpTo(at, 512) : undefined;
  return bytes ? findBanner(bytes) : undefined;
}
