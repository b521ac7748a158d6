/**
 * Two kernels side by side (before/after a patch, or 6.12 vs 7.2). Addresses and offsets move
 * between builds, so sites are matched by function, then, within a function, by the order and
 * the features of their entries (a longest common subsequence of entry signatures; leftovers in
 * the same gap pair up in order). Each pair or lone site gets one change kind.
 */
import type { AltTable, KernelVersion, Site } from '../model';
import type { InsnDecoder } from '../ports';
import type { SiteResult } from '../patch/report';
import { featureLabel } from '../features';
import type { SymbolLookup } from '../symbols';
import { relocationFreeShape } from './relocationFree';

/** `table`: the entries differ beyond relocation; `final`: same table, other final bytes. */
export type KernelChange = 'added' | 'removed' | 'table' | 'final' | 'same';

/** One side of a compared site. */
export interface KernelSide {
  site: Site;
  result: SiteResult;
}

export interface KernelSiteDiff {
  change: KernelChange;
  a: KernelSide | null;
  b: KernelSide | null;
}

/** A kernel as the diff needs it: its table, its simulated results, its names. */
export interface DiffKernel {
  table: AltTable;
  results: readonly SiteResult[];
  symbols?: SymbolLookup;
}

/**
 * The function a site is in: its `%pS` name up to `+` (or its address when unnamed), without
 * the numbered clone suffixes gcc picks per build (`.isra.0`, `.constprop.3`, `.part.1`).
 */
export const functionOf = (s: Site): string =>
  s.symbol
    ? (s.symbol.split('+')[0] as string).replace(
        /(\.(isra|constprop|part|cold|llvm)(\.\d+)?)+$/,
        '',
      )
    : `0x${s.addr.toString(16)}`;

/** Entries by feature name and flags, in order: stable across builds and feature renumbering. */
function signature(site: Site, kernel: KernelVersion): string {
  return site.entries.map((e) => `${featureLabel(e.cpuid, kernel)}/${e.flags}`).join(',');
}

/** Pair `as` and `bs` (one function's sites, in address order) by entry signature. */
function pairWithin<T>(as: readonly T[], bs: readonly T[], key: (x: T, side: 0 | 1) => string) {
  const n = as.length;
  const m = bs.length;
  // LCS table over signatures; functions have a handful of sites, so n·m stays small.
  const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      L[i]![j] =
        key(as[i]!, 0) === key(bs[j]!, 1)
          ? L[i + 1]![j + 1]! + 1
          : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const pairs: [T | null, T | null][] = [];
  let gapA: T[] = [];
  let gapB: T[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(gapA.length, gapB.length); k++)
      pairs.push([gapA[k] ?? null, gapB[k] ?? null]);
    gapA = [];
    gapB = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && key(as[i]!, 0) === key(bs[j]!, 1)) {
      flush();
      pairs.push([as[i++]!, bs[j++]!]);
    } else if (j >= m || (i < n && L[i + 1]![j]! >= L[i]![j + 1]!)) gapA.push(as[i++]!);
    else gapB.push(bs[j++]!);
  }
  flush();
  return pairs;
}

/** Compare two kernels' sites; the result is in A's function order, B-only functions last. */
export function diffKernels(a: DiffKernel, b: DiffKernel, decoder: InsnDecoder): KernelSiteDiff[] {
  const sides = (k: DiffKernel): Map<string, KernelSide[]> => {
    const byFn = new Map<string, KernelSide[]>();
    k.table.sites.forEach((site, i) => {
      const result = k.results[i];
      if (!result) return;
      const fn = functionOf(site);
      const list = byFn.get(fn) ?? [];
      list.push({ site, result });
      byFn.set(fn, list);
    });
    return byFn;
  };
  const fa = sides(a);
  const fb = sides(b);
  const shape = (k: DiffKernel, bytes: Uint8Array, addr: bigint) =>
    relocationFreeShape(bytes, addr, decoder, k.symbols);
  const tableOf = (k: DiffKernel, s: Site) =>
    [
      shape(k, s.original, s.addr),
      ...s.entries.map(
        (e) =>
          `${featureLabel(e.cpuid, k.table.kernel)}/${e.flags}/${e.instrlen}:${shape(k, e.replacement, e.repl)}`,
      ),
    ].join('|');
  const classify = (x: KernelSide | null, y: KernelSide | null): KernelChange => {
    if (!x) return 'added';
    if (!y) return 'removed';
    if (tableOf(a, x.site) !== tableOf(b, y.site)) return 'table';
    const same = shape(a, x.result.final, x.site.addr) === shape(b, y.result.final, y.site.addr);
    return same ? 'same' : 'final';
  };
  const out: KernelSiteDiff[] = [];
  const fns = [...fa.keys(), ...[...fb.keys()].filter((f) => !fa.has(f))];
  for (const fn of fns) {
    const pairs = pairWithin(fa.get(fn) ?? [], fb.get(fn) ?? [], (s, side) =>
      signature(s.site, side === 0 ? a.table.kernel : b.table.kernel),
    );
    for (const [x, y] of pairs) out.push({ change: classify(x, y), a: x, b: y });
  }
  return out;
}

/** How many sites of each kind, in a fixed order. */
export function countChanges(diffs: readonly KernelSiteDiff[]): Record<KernelChange, number> {
  const counts: Record<KernelChange, number> = {
    added: 0,
    removed: 0,
    table: 0,
    final: 0,
    same: 0,
  };
  for (const d of diffs) counts[d.change]++;
  return counts;
}
