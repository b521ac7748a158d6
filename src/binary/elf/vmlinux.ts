import {
  ALT_FLAG_DIRECT_CALL,
  toAddr,
  toFeatureIndex,
  type AltEntry,
  type AltTable,
  type Diagnostic,
  type KernelSymbol,
  type KernelVersion,
  type MemoryRange,
  type Site,
} from '../../core/model';
import { ByteReader } from '../byteReader';
import { groupEntries, siteLength } from '../groupEntries';
import { guardRead, offsetError, okResult, failResult, type ReadResult } from '../result';
import { readAltInstructions } from './altinstr';
import { findBanner, parseBannerRelease, profileForRelease } from './banner';
import { ET_EXEC, ET_DYN, readElfHeader, readSections, type ElfSection } from './header';
import { selectKallsyms, SymbolIndex } from './kallsyms';
import { VirtualMemory } from './memory';
import { readSymbols } from './symbols';

/** Options shared by the image readers. */
export interface ImageOptions {
  /** `--kernel`: overrides the version found in `linux_banner`. */
  kernel?: KernelVersion;
  /** Names from a System.map, used when the image has no `.symtab` (or to replace it). */
  names?: SymbolIndex;
}

/** A kernel image read into the model, plus what the log and reports need about it. */
export interface KernelImage {
  table: AltTable;
  /** Release from `linux_banner`, e.g. `7.2.13+deb14-cloud-amd64`. */
  release?: string;
  /** Where `table.kernel` came from. */
  kernelFrom: 'banner' | 'option';
  /** `__alt_instructions` / `__alt_instructions_end`, for the `alt table` log line. */
  altStart: bigint;
  altEnd: bigint;
  names: SymbolIndex;
  sections: ElfSection[];
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
          `e_type ${h.type} is not an executable (vmlinux); relocatable objects use readRelocatable`,
          16,
          'e_type',
        ),
      );
    }
    const sections = readSections(r, h);
    const mem = new VirtualMemory(r, sections);
    const names = opts.names ?? new SymbolIndex(selectKallsyms(readSymbols(r, sections), sections));
    const diagnostics: Diagnostic[] = [];

    const kernel = pickKernel(mem, sections, names, opts, diagnostics);
    if (!kernel.version) return failResult(...diagnostics);

    const alt = sections.find((s) => s.name === '.altinstructions');
    if (!alt)
      return failResult(
        offsetError(
          'no-altinstructions',
          'the ELF has no .altinstructions section',
          h.shoff,
          'section headers',
        ),
      );
    const raws = readAltInstructions(r, alt);
    const entries: AltEntry[] = [];
    for (const raw of raws) {
      const entryAddr = alt.addr + BigInt(raw.sectionOffset);
      const instr = toAddr(entryAddr + BigInt(raw.instrOffset));
      const repl = toAddr(entryAddr + 4n + BigInt(raw.replOffset));
      const replacement = mem.read(repl, raw.replacementlen);
      if (!replacement) {
        diagnostics.push(
          offsetError(
            'repl-unmapped',
            `alt_instr ${raw.index}: replacement ${repl.toString(16)} (len ${raw.replacementlen}) is not in any section`,
            raw.fileOffset + 4,
            'alt_instr.repl_offset',
          ),
        );
        continue;
      }
      entries.push({
        instr,
        repl,
        cpuid: toFeatureIndex(raw.cpuid),
        flags: raw.flags,
        instrlen: raw.instrlen,
        replacementlen: raw.replacementlen,
        replacement: replacement.slice(),
        tableIndex: raw.index,
        source: { kind: 'offset', offset: raw.fileOffset, what: `alt_instr ${raw.index}` },
      });
    }
    const sites: Site[] = [];
    for (const group of groupEntries(entries)) {
      const first = group[0]!;
      const len = siteLength(group);
      const original = mem.read(first.instr, len);
      if (!original) {
        diagnostics.push(
          offsetError(
            'site-unmapped',
            `alt_instr ${first.tableIndex}: site ${first.instr.toString(16)} (len ${len}) is not in any section`,
            first.source?.kind === 'offset' ? first.source.offset : 0,
            'alt_instr.instr_offset',
          ),
        );
        continue;
      }
      sites.push({
        addr: first.instr,
        symbol: names.format(first.instr),
        original: original.slice(),
        entries: group,
        source: first.source,
      });
    }
    const table: AltTable = {
      kernel: kernel.version,
      sites,
      memory: collectPointerSlots(sites, mem),
      symbols: collectSymbols(names),
      features: [],
    };
    return okResult(
      {
        table,
        release: kernel.release,
        kernelFrom: kernel.from,
        altStart: alt.addr,
        altEnd: alt.addr + BigInt(alt.size),
        names,
        sections,
      },
      diagnostics,
    );
  });
}

function pickKernel(
  mem: VirtualMemory,
  sections: readonly ElfSection[],
  names: SymbolIndex,
  opts: ImageOptions,
  diagnostics: Diagnostic[],
): { version?: KernelVersion; release?: string; from: 'banner' | 'option' } {
  const bannerAddr = names.lookup('linux_banner');
  const atSymbol = bannerAddr !== undefined ? mem.read(bannerAddr, 256) : undefined;
  const rodata = sections.find((s) => s.name === '.rodata');
  const bannerText = atSymbol
    ? findBanner(atSymbol)
    : rodata && rodata.type !== 8
      ? findBanner(mem.read(rodata.addr, rodata.size) ?? new Uint8Array())
      : undefined;
  const release = bannerText ? parseBannerRelease(bannerText) : undefined;
  if (opts.kernel) return { version: opts.kernel, release, from: 'option' };
  const version = release ? profileForRelease(release) : undefined;
  if (!version) {
    diagnostics.push({
      severity: 'error',
      code: 'kernel-unknown',
      message: release
        ? `kernel ${release} (from linux_banner) is neither 7.x nor 6.10–6.19; pass --kernel 6.12 or --kernel 7.2`
        : 'no linux_banner found to tell the kernel version; pass --kernel 6.12 or --kernel 7.2',
    });
  }
  return { version, release, from: 'banner' };
}

/** The `pv_ops` slots DIRECT_CALL entries read: `ff 15 disp32` → 8 bytes at site+6+disp. */
function collectPointerSlots(sites: readonly Site[], mem: VirtualMemory): MemoryRange[] {
  const slots = new Map<bigint, MemoryRange>();
  for (const site of sites) {
    if (!site.entries.some((e) => e.flags & ALT_FLAG_DIRECT_CALL)) continue;
    const o = site.original;
    if (o.length < 6 || o[0] !== 0xff || o[1] !== 0x15) continue;
    const disp = new DataView(o.buffer, o.byteOffset, o.byteLength).getInt32(2, true);
    const slot = toAddr(site.addr + 6n + BigInt(disp));
    if (slots.has(slot)) continue;
    const bytes = mem.read(slot, 8);
    if (bytes) slots.set(slot, { addr: slot, bytes: bytes.slice() });
  }
  return [...slots.values()].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
}

function collectSymbols(names: SymbolIndex): KernelSymbol[] {
  const out: KernelSymbol[] = [];
  for (const name of ['BUG_func', 'nop_func']) {
    const addr = names.lookup(name);
    if (addr !== undefined) out.push({ name, addr: toAddr(addr) });
  }
  return out;
}
