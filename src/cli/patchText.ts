/**
 * `altscope patch` without `--json`: per site, the bytes and AT&T disassembly of the original,
 * of every entry's replacement and of the final bytes, and why each entry won or lost.
 */
import type { AltTable } from '../core/model';
import type { AsmSyntax, Disassembler } from '../core/ports';
import type { SymbolLookup } from '../core/symbols';
import type { PatchReport } from '../core/patch/report';
import { formatReportText } from '../core/review/reportText';

export function formatPatchText(
  report: PatchReport,
  table: AltTable,
  dis: Disassembler,
  syntax: AsmSyntax = 'att',
  symbols?: SymbolLookup,
): string {
  return formatReportText(report, report.sites.keys(), table, dis, { syntax, symbols });
}
