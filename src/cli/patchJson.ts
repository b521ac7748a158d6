/**
 * `altscope patch --json`: the report in the shape issue 2 §4 fixes. Addresses are `0x` +
 * lowercase hex, bytes lowercase hex without separators; table-level diagnostics go in a
 * top-level `diagnostics` list.
 */
import type { AltTable, Diagnostic } from '../core/model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../core/model';
import type { PatchReport, SiteResult } from '../core/patch/report';
import { formatFeatureIndex, getCatalogue } from '../core/features';

const HEX_BYTE = Array.from({ length: 256 }, (_, x) => x.toString(16).padStart(2, '0'));
const hex = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX_BYTE[b[i] as number];
  return s;
};
const addr = (a: bigint): string => '0x' + a.toString(16);

/** Flag names for the known bits, `0x…` for any other bits. */
export function flagNames(flags: number): string[] {
  const names: string[] = [];
  if (flags & ALT_FLAG_NOT) names.push('NOT');
  if (flags & ALT_FLAG_DIRECT_CALL) names.push('DIRECT_CALL');
  const rest = flags & ~(ALT_FLAG_NOT | ALT_FLAG_DIRECT_CALL);
  if (rest) names.push('0x' + rest.toString(16));
  return names;
}

const diagnosticJson = (d: Diagnostic) => ({
  severity: d.severity,
  code: d.code,
  message: d.message,
});

function siteJson(r: SiteResult, i: number, table: AltTable, report: PatchReport) {
  // simulate() reports the table's sites in order; search only if a caller reordered them.
  const same = table.sites[i];
  const site = same?.addr === r.addr ? same : table.sites.find((s) => s.addr === r.addr);
  const cat = getCatalogue(report.kernel);
  return {
    addr: addr(r.addr),
    symbol: r.symbol ?? null,
    ...(site?.place ? { place: site.place } : {}),
    len: r.len,
    selected: r.selected,
    entries: (site?.entries ?? []).map((e, i) => ({
      feature: formatFeatureIndex(e.cpuid),
      name: cat.byIndex.get(e.cpuid)?.name ?? null,
      flags: flagNames(e.flags),
      eligible: r.verdicts[i]?.eligible ?? false,
    })),
    old: hex(r.original),
    final: hex(r.final),
    writes: r.writes.map((w) => ({
      entry: w.entry,
      kind: w.kind,
      before: hex(w.before),
      after: hex(w.after),
    })),
    relocations: r.relocations.map((x) => ({
      offset: x.offset,
      kind: x.kind,
      fieldOffset: x.fieldOffset,
      width: x.width,
      oldDisp: x.oldDisp,
      newDisp: x.newDisp,
      target: addr(x.target),
      ...(x.shrunk ? { shrunk: true } : {}),
    })),
    diagnostics: r.diagnostics.map(diagnosticJson),
  };
}

/** The JSON document, pretty-printed with two spaces and a final newline. */
export function formatPatchJson(report: PatchReport, table: AltTable): string {
  const doc = {
    kernel: report.kernel,
    engine: report.loop,
    sites: report.sites.map((r, i) => siteJson(r, i, table, report)),
    diagnostics: report.diagnostics.map(diagnosticJson),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
