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
import { groupSites, siteLength } from '../../core/table/groupSites';
import { offsetError } from '../result';
import type { RawAltInstr } from './altinstr';
import type { SymbolIndex } from './kallsyms';

/** Anything that can read the image by (virtual or laid-out) address. */
export interface AddressSpace {
  read(addr: bigint, len: number): Uint8Array | undefined;
}

/** How a site is shown besides its `%pS` name, e.g. `.text+0x30` for relocatable objects. */
export type DescribeAddr = (addr: bigint) => string | undefined;

/**
 * Turn decoded `alt_instr` entries into the model: resolve the self-relative offsets against
 * the table's address, read replacements and original bytes, group sites, collect the
 * `pv_ops` slots and the `nop_func`/`BUG_func` symbols.
 */
export function buildAltTable(
  raws: readonly RawAltInstr[],
  altAddr: bigint,
  mem: AddressSpace,
  names: SymbolIndex,
  kernel: KernelVersion,
  diagnostics: Diagnostic[],
  describe?: DescribeAddr,
): AltTable {
  const entries: AltEntry[] = [];
  for (const raw of raws) {
    const entryAddr = altAddr + BigInt(raw.sectionOffset);
    const instr = toAddr(entryAddr + BigInt(raw.instrOffset));
    const repl = toAddr(entryAddr + 4n + BigInt(raw.replOffset));
    const replacement = mem.read(repl, raw.replacementlen);
    if (!replacement) {
      diagnostics.push(
        offsetError(
          'repl-unmapped',
          `alt_instr ${raw.index}: replacement at ${repl.toString(16)} (len ${raw.replacementlen}) is not inside any section`,
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
  for (const group of groupSites(entries)) {
    const first = group[0] as AltEntry;
    const len = siteLength(group);
    const original = mem.read(first.instr, len);
    const fileOffset = first.source?.kind === 'offset' ? first.source.offset : 0;
    if (!original) {
      diagnostics.push(
        offsetError(
          'site-unmapped',
          `alt_instr ${first.tableIndex}: site at ${first.instr.toString(16)} (len ${len}) is not inside any section`,
          fileOffset,
          'alt_instr.instr_offset',
        ),
      );
      continue;
    }
    const where = describe?.(first.instr);
    sites.push({
      addr: first.instr,
      symbol: names.format(first.instr),
      ...(where ? { place: where } : {}),
      original: original.slice(),
      entries: group,
      source: {
        kind: 'offset',
        offset: fileOffset,
        what: where ?? `alt_instr ${first.tableIndex}`,
      },
    });
  }
  return {
    kernel,
    sites,
    memory: collectPointerSlots(sites, mem),
    symbols: collectSymbols(names),
    features: [],
  };
}

/** The `pv_ops` slots DIRECT_CALL entries read: `ff 15 disp32` → 8 bytes at site+6+disp. */
function collectPointerSlots(sites: readonly Site[], mem: AddressSpace): MemoryRange[] {
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
