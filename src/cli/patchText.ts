/**
 * `altscope patch` without `--json`: per site, the bytes and AT&T disassembly of the original,
 * of every entry's replacement and of the final bytes, and why each entry won or lost.
 */
import type { AltTable } from '../core/model';
import type { AsmSyntax, Disassembler } from '../core/ports';
import type { SymbolLookup } from '../core/symbols';
import type { PatchReport } from '../core/patch/report';
import { featureLabel } from '../core/features';
import { formatSiteLines } from '../core/review/siteText';

export function formatPatchText(
  report: PatchReport,
  table: AltTable,
  dis: Disassembler,
  syntax: AsmSyntax = 'att',
  symbols?: SymbolLookup,
): string {
  const features = report.features.map((f) => featureLabel(f, report.kernel)).join(' ') || '(none)';
  const out = [`kernel ${report.kernel}, ${report.loop}; features: ${features}`, ''];
  for (const d of report.diagnostics) out.push(`${d.severity} ${d.code}: ${d.message}`);
  report.sites.forEach((r, i) =>
    out.push(...formatSiteLines(r, i, table, report, dis, { syntax, symbols }), ''),
  );
  return out.join('\n');
}
