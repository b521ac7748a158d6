/** Derived values: computed from the store's slices, never stored in them. */
import type { AltTable, KernelVersion, PatchLoop, Site } from '../core/model';
import { defaultLoop } from '../core/model';
import type { PatchReport, SiteResult } from '../core/patch/report';
import type { Disassembler } from '../core/ports';
import { tableSymbols, withSymbols, type SymbolLookup } from '../core/symbols';
import { computeEffectiveFeatures } from './features';
import type { SiteSearchTerms } from './siteSearch';
import { siteSearchTexts } from './siteSearch';
import type { AppState, SiteStatus } from './store';

export const DEFAULT_KERNEL: KernelVersion = '7.2';

export const selectKernel = (s: AppState): KernelVersion =>
  s.kernelChoice ?? s.table?.kernel ?? DEFAULT_KERNEL;

export const selectLoop = (s: AppState): PatchLoop => s.loopChoice ?? defaultLoop(selectKernel(s));

const featureMemo = new WeakMap<
  object,
  { scenario: readonly number[]; set: ReadonlySet<number> }
>();

/**
 * One empty list for "no table": a fresh `[]` per call would miss the memo below, so the selector
 * returned a new Set on every call and React's store subscription re-rendered forever (issue 14:
 * a scenario that never parsed blanked the app).
 */
const NO_SCENARIO_FEATURES: readonly number[] = [];

/** The feature set the simulator sees (stable identity while its inputs do not change). */
export function selectEffectiveFeatures(s: AppState): ReadonlySet<number> {
  const scenario = s.table?.features ?? NO_SCENARIO_FEATURES;
  const memo = featureMemo.get(s.features);
  if (memo && memo.scenario === scenario) return memo.set;
  const set = computeEffectiveFeatures(scenario, s.features);
  featureMemo.set(s.features, { scenario, set });
  return set;
}

/** Features the scenario's entries reference, in first-use order, with the sites each decides. */
export function selectReferencedFeatures(s: AppState): Map<number, string[]> {
  // Sets while collecting: a kernel has thousands of sites per feature (ALWAYS), and
  // de-duplicating with Array.includes made this quadratic.
  const seen = new Map<number, Set<string>>();
  for (const site of s.table?.sites ?? []) {
    const name = site.symbol ?? formatAddr(site.addr);
    for (const e of site.entries) {
      const names = seen.get(e.cpuid) ?? new Set<string>();
      names.add(name);
      seen.set(e.cpuid, names);
    }
  }
  return new Map([...seen].map(([f, names]) => [f, [...names]]));
}

export function formatAddr(a: bigint): string {
  return `0x${a.toString(16)}`;
}

/** patched / unpatched / NOPs only / has diagnostics. Diagnostics win: they need attention. */
export function classifySite(r: SiteResult, site?: Site): SiteStatus {
  if (r.diagnostics.length > 0) return 'diagnostics';
  if (r.final.every((b, i) => b === r.original[i])) return 'unpatched';
  const chosen = r.selected === null ? undefined : site?.entries[r.selected];
  // No entry won but the bytes changed (NOPs optimised), an empty replacement, or nop_func.
  if (r.selected === null || chosen?.replacementlen === 0 || r.directCall?.becameNops)
    return 'nops';
  return 'patched';
}

export const STATUS_LABEL: Record<SiteStatus, string> = {
  patched: 'patched',
  unpatched: 'unpatched',
  nops: 'NOPs only',
  diagnostics: 'has diagnostics',
};

/** Sites passing the search, status and feature filters. */
export type SiteFilterState = Pick<AppState, 'search' | 'statusFilter' | 'featureFilter' | 'table'>;

export function filterSites(report: PatchReport, s: SiteFilterState, terms: SiteSearchTerms) {
  const q = s.search.trim().toLowerCase();
  if (!q && s.statusFilter === 'all' && s.featureFilter === null) return report.sites;
  const rows = matchPositions(report, s.table, q, s.featureFilter, terms).map(
    (i) => report.sites[i] as SiteResult,
  );
  if (s.statusFilter === 'all') return rows;
  return rows.filter((r) => classifySite(r, findSite(s.table, r.addr)) === s.statusFilter);
}

/** The last search's matches, as positions in `report.sites`. */
let lastMatch:
  | {
      table: AltTable | null;
      count: number;
      q: string;
      featureFilter: number | null;
      terms: SiteSearchTerms;
      positions: number[];
    }
  | undefined;

/**
 * Positions of the sites matching the search text and feature filter. Neither depends on the
 * simulation, and a table's report keeps its sites in one order, so a toggle reuses the last
 * search instead of scanning 6,000+ sites again.
 */
function matchPositions(
  report: PatchReport,
  table: AltTable | null,
  q: string,
  featureFilter: number | null,
  terms: SiteSearchTerms,
): number[] {
  const m = lastMatch;
  const count = report.sites.length;
  if (m && m.table === table && m.count === count && m.q === q && m.terms === terms) {
    if (m.featureFilter === featureFilter) return m.positions;
  }
  const haystacks = q ? siteSearchTexts(table, terms) : undefined;
  const positions: number[] = [];
  report.sites.forEach((r, i) => {
    const site = findSite(table, r.addr);
    if (featureFilter !== null && !site?.entries.some((e) => e.cpuid === featureFilter)) return;
    if (haystacks) {
      const hay =
        (site && haystacks.get(site)) ?? `${formatAddr(r.addr)} ${r.symbol ?? ''}`.toLowerCase();
      if (!hay.includes(q)) return;
    }
    positions.push(i);
  });
  lastMatch = { table, count, q, featureFilter, terms, positions };
  return positions;
}

const siteIndex = new WeakMap<AltTable, Map<bigint, Site>>();

/** The table's site at `addr` (indexed once per table: lists have thousands of sites). */
export function findSite(table: AltTable | null, addr: bigint): Site | undefined {
  if (!table) return undefined;
  let index = siteIndex.get(table);
  if (!index) {
    index = new Map(table.sites.map((x) => [x.addr as bigint, x]));
    siteIndex.set(table, index);
  }
  return index.get(addr);
}

/**
 * Per page disassembler, one named view per symbol lookup. Weak on both keys: a strong map here
 * kept the last few kernels' symbol tables alive after another kernel was loaded (issue 13's
 * heap-after-reload target: +35 %).
 */
const disassemblerMemo = new WeakMap<
  Disassembler,
  { plain?: Disassembler; named: WeakMap<SymbolLookup, Disassembler> }
>();
const tableSymbolsMemo = new WeakMap<AltTable, SymbolLookup | undefined>();

/** Names for the shown table: the loaded kernel's, else the scenario's own (nop_func, BUG_func). */
export function selectSymbols(s: AppState): SymbolLookup | undefined {
  if (!s.table) return undefined;
  if (s.table === s.kernelLoad.table && s.kernelLoad.symbols) return s.kernelLoad.symbols;
  if (!tableSymbolsMemo.has(s.table)) tableSymbolsMemo.set(s.table, tableSymbols(s.table));
  return tableSymbolsMemo.get(s.table);
}

/** The disassembler views use: names targets after the shown table's symbols (stable identity). */
export function selectDisassembler(s: AppState): Disassembler | null {
  if (!s.disassembler) return null;
  const symbols = selectSymbols(s);
  let memo = disassemblerMemo.get(s.disassembler);
  if (!memo) {
    memo = { named: new WeakMap() };
    disassemblerMemo.set(s.disassembler, memo);
  }
  if (!symbols) return (memo.plain ??= withSymbols(s.disassembler, undefined));
  let d = memo.named.get(symbols);
  if (!d) {
    d = withSymbols(s.disassembler, symbols);
    memo.named.set(symbols, d);
  }
  return d;
}
