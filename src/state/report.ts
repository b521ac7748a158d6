/**
 * The patch report is derived, never stored. Sites are independent in both patch loops (each
 * reads only its own bytes plus shared read-only memory and symbols), so each site is simulated
 * on its own and memoized on the features its entries reference: toggling a feature recomputes
 * only the sites that name it.
 */
import type { AltTable, KernelVersion, PatchLoop, Site } from '../core/model';
import type { PatchReport, SiteResult } from '../core/patch/report';
import type { InsnDecoder } from '../core/ports';
import type { AppDeps } from './deps';

/** What a report is computed from. */
export interface ReportInputs {
  table: AltTable;
  kernel: KernelVersion;
  loop: PatchLoop;
  features: ReadonlySet<number>;
  decoder: InsnDecoder;
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

  function select(inputs: ReportInputs): PatchReport {
    if (last && sameInputs(last.inputs, inputs)) return last.report;
    const { table, kernel, loop, features, decoder } = inputs;
    const opts = { kernel, loop, features };
    const prefix = `${kernel}|${loop}|${idOf(decoder)}|`;
    // Sites at one address are patched in table order on top of each other: keep them together.
    const sites = groupByAddr(table.sites).flatMap((group) => {
      const first = group[0] as Site;
      const bits = group.map((site) =>
        site.entries.map((e) => (features.has(e.cpuid) ? '1' : '0')).join(''),
      );
      const key = prefix + bits.join('/');
      const memo = perSite.get(first);
      if (memo && memo.key === key && memo.results.length === group.length) return memo.results;
      stats.sitesSimulated += group.length;
      const results = simulate({ ...table, sites: group }, opts, decoder).sites;
      perSite.set(first, { key, results });
      return results;
    });
    const tableKey = prefix + [...features].sort((a, b) => a - b).join(',');
    let head = tableLevel.get(table);
    if (!head || head.key !== tableKey) {
      head = { key: tableKey, report: simulate({ ...table, sites: [] }, opts, decoder) };
      tableLevel.set(table, head);
    }
    const report: PatchReport = { ...head.report, sites };
    last = { inputs, report };
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

function sameInputs(a: ReportInputs, b: ReportInputs): boolean {
  if (
    a.table !== b.table ||
    a.kernel !== b.kernel ||
    a.loop !== b.loop ||
    a.decoder !== b.decoder
  ) {
    return false;
  }
  if (a.features === b.features) return true;
  if (a.features.size !== b.features.size) return false;
  for (const f of a.features) if (!b.features.has(f)) return false;
  return true;
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
