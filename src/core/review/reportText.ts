/**
 * A patch report in `altscope patch`'s text form: the header line (kernel, loop, features), the
 * report's diagnostics, then each site as `formatSiteLines` prints it. The CLI prints every site
 * of its (`--sites`-narrowed) table; the app's "Copy sites as text" prints a few positions of
 * the full report, and the two agree byte for byte for the same sites.
 */
import type { AltTable } from '../model';
import type { Disassembler } from '../ports';
import type { PatchReport } from '../patch/report';
import { featureLabel } from '../features';
import { formatSiteLines, type AsmStyle } from './siteText';

/** `kernel 7.2, single-pass; features: XSAVEOPT ALWAYS` (`(none)` without any). */
export function formatReportHeader(report: Pick<PatchReport, 'kernel' | 'loop' | 'features'>) {
  const features = report.features.map((f) => featureLabel(f, report.kernel)).join(' ') || '(none)';
  return `kernel ${report.kernel}, ${report.loop}; features: ${features}`;
}

/**
 * The report text of the sites at `positions` (indices into `report.sites`, which follow
 * `table.sites`; pass them in table order to match the CLI), every site followed by a blank line.
 */
export function formatReportText(
  report: PatchReport,
  positions: Iterable<number>,
  table: Pick<AltTable, 'sites'>,
  dis: Disassembler,
  style: AsmStyle,
): string {
  const out = [formatReportHeader(report), ''];
  for (const d of report.diagnostics) out.push(`${d.severity} ${d.code}: ${d.message}`);
  for (const i of positions) {
    const r = report.sites[i];
    if (r) out.push(...formatSiteLines(r, i, table, report, dis, style), '');
  }
  return out.join('\n');
}
