/**
 * The patch report is derived, never stored. Sites are independent in both patch loops (each
 * reads only its own bytes plus shared read-only memory and symbols), so each site is simulated
 * on its own and memoized on the features its entries reference: toggling a feature recomputes
 * only the sites that name it.
 */
import { toHex } from '../core/patch/bytes';
import type { AltTable, KernelVersion, PatchLoop, Site } from '../core/model';
import type { PatchReport, SiteResult } from '../core/patch/report';
import type { InsnDecoder } from '../core/ports';
import type { AppDeps } from './deps';
import { recordMeasure } from './perfMarks';

/** What a report is computed from. */
export interface ReportInputs {
  table: AltTable;
  kernel: KernelVersion;
  loop: PatchLoop;
  features: ReadonlySet<number>;
  decoder: InsnDecoder;
  /** Bytes the earlier boot passes left at some sites, for these features (`selectBootStart`). */
  start?: ReadonlyMap<bigint, Uint8Array>;
}

interface SiteMemo {
  key: string;
  results: SiteResult[];
}

/** A memoizing report builder; `stats.sitesSimulated` counts real simulations (for tests). */
export function createReportSelector(simulate: AppDeps['simulate']) {
  const perSite = new WeakMap<Site, SiteMemo>();
  const tableLevel = new WeakMap<AltTable, { key: string; report: PatchReport }>();
  const stats = { sitesSimulated: 0 };
  let last: { inputs: ReportInputs; report: PatchReport } | undefined;
  let decoderIds = new WeakMap<InsnDecoder, number>();
  let nextDecoderId = 0;

  const idOf = (d: InsnDecoder) => {
    let id = decoderIds.get(d);
    if (id === undefined) decoderIds.set(d, (id = nextDecoderId++));
    return id;
  };

  /**
   * Results of the groups `which` (indices into `index.groups`), written into `sites` at each
   * group's slots. Groups whose feature bits are unchanged come from the per-site memo; the rest
   * are simulated in ONE call: every call builds the kernel memory and symbol index again,
   * which per group of a 6,000-site kernel was the biggest part of listing it.
   */
  function fillGroups(
    sites: SiteResult[],
    index: TableIndex,
    which: Iterable<number>,
    inputs: ReportInputs,
    prefix: string,
  ): void {
    const { table, kernel, loop, features, decoder, start } = inputs;
    const misses: { g: number; key: string }[] = [];
    for (const g of which) {
      const group = index.groups[g] as Site[];
      const bits = group.map((site) =>
        site.entries.map((e) => (features.has(e.cpuid) ? '1' : '0')).join(''),
      );
      // A site the boot passes rewrote starts from their bytes: part of what its result hangs on.
      const from = start?.get((group[0] as Site).addr);
      const key = prefix + bits.join('/') + (from ? `@${toHex(from)}` : '');
      const memo = perSite.get(group[0] as Site);
      if (memo && memo.key === key && memo.results.length === group.length) {
        place(sites, index.groupStart[g] as number, memo.results);
      } else misses.push({ g, key });
    }
    if (misses.length === 0) return;
    // Different groups have different addresses, so one run over all of them patches each
    // group exactly as a run of its own would (sites at one address stay in table order).
    const batch = misses.flatMap(({ g }) => index.groups[g] as Site[]);
    stats.sitesSimulated += batch.length;
    const opts = { kernel, loop, features, ...(start ? { start } : {}) };
    const all = simulate({ ...table, sites: batch }, opts, decoder).sites;
    let at = 0;
    for (const { g, key } of misses) {
      const n = (index.groups[g] as Site[]).length;
      const results = all.slice(at, at + n);
      at += n;
      perSite.set((index.groups[g] as Site[])[0] as Site, { key, results });
      place(sites, index.groupStart[g] as number, results);
    }
  }

  function select(inputs: ReportInputs): PatchReport {
    if (last && sameInputs(last.inputs, inputs)) return last.report;
    const { table, kernel, loop, features, decoder } = inputs;
    const prefix = `${kernel}|${loop}|${idOf(decoder)}|`;
    const started = performance.now();
    const simulatedBefore = stats.sitesSimulated;
    const index = indexTable(table);
    let sites: SiteResult[];
    if (last && sameExceptFeatures(last.inputs, inputs)) {
      // A toggle: only the groups naming a changed feature can change; the rest keep their
      // results (and array slots) without even building their memo keys — 6,000+ in a kernel.
      sites = last.report.sites.slice();
      fillGroups(
        sites,
        index,
        affectedGroups(index, last.inputs.features, features),
        inputs,
        prefix,
      );
    } else {
      sites = new Array<SiteResult>(table.sites.length);
      fillGroups(sites, index, index.groups.keys(), inputs, prefix);
    }
    const tableKey = prefix + [...features].sort((a, b) => a - b).join(',');
    let head = tableLevel.get(table);
    if (!head || head.key !== tableKey) {
      const opts = { kernel, loop, features };
      head = { key: tableKey, report: simulate({ ...table, sites: [] }, opts, decoder) };
      tableLevel.set(table, head);
    }
    const report: PatchReport = { ...head.report, sites };
    last = { inputs, report };
    const sitesSimulated = stats.sitesSimulated - simulatedBefore;
    recordMeasure('report', started, performance.now(), { sitesSimulated });
    return report;
  }

  return {
    select,
    stats,
    reset() {
      last = undefined;
      decoderIds = new WeakMap();
    },
  };
}

function sameExceptFeatures(a: ReportInputs, b: ReportInputs): boolean {
  return (
    a.table === b.table &&
    a.kernel === b.kernel &&
    a.loop === b.loop &&
    a.decoder === b.decoder &&
    a.start === b.start
  );
}

function sameInputs(a: ReportInputs, b: ReportInputs): boolean {
  if (!sameExceptFeatures(a, b)) return false;
  if (a.features === b.features) return true;
  if (a.features.size !== b.features.size) return false;
  for (const f of a.features) if (!b.features.has(f)) return false;
  return true;
}

/** A table's address groups and, per feature, the groups whose entries name it. */
interface TableIndex {
  groups: Site[][];
  /** Where each group's results start in the report's `sites` (one result per site). */
  groupStart: number[];
  byFeature: Map<number, number[]>;
}

const tableIndexes = new WeakMap<AltTable, TableIndex>();

function indexTable(table: AltTable): TableIndex {
  let index = tableIndexes.get(table);
  if (index) return index;
  const groups = groupByAddr(table.sites);
  const byFeature = new Map<number, number[]>();
  const groupStart: number[] = [];
  let at = 0;
  groups.forEach((group, g) => {
    groupStart.push(at);
    at += group.length;
    for (const site of group) {
      for (const e of site.entries) {
        const list = byFeature.get(e.cpuid);
        if (!list) byFeature.set(e.cpuid, [g]);
        else if (list[list.length - 1] !== g) list.push(g);
      }
    }
  });
  index = { groups, groupStart, byFeature };
  tableIndexes.set(table, index);
  return index;
}

function place(sites: SiteResult[], at: number, results: readonly SiteResult[]) {
  for (let k = 0; k < results.length; k++) sites[at + k] = results[k] as SiteResult;
}

/** Groups naming a feature present in exactly one of `a` and `b`, each once. */
function affectedGroups(index: TableIndex, a: ReadonlySet<number>, b: ReadonlySet<number>) {
  const out = new Set<number>();
  const add = (f: number) => index.byFeature.get(f)?.forEach((g) => out.add(g));
  for (const f of a) if (!b.has(f)) add(f);
  for (const f of b) if (!a.has(f)) add(f);
  return out;
}

/** Sites grouped by address, in first-appearance order (almost always one site per group). */
function groupByAddr(sites: readonly Site[]): Site[][] {
  const groups = new Map<bigint, Site[]>();
  for (const site of sites) {
    const g = groups.get(site.addr);
    if (g) g.push(site);
    else groups.set(site.addr, [site]);
  }
  return [...groups.values()];
}
