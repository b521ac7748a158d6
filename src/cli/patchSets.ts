/**
 * `altscope patch` with several feature sets: per site, the final bytes each set gives, grouped
 * by outcome (text), or one ordinary report per set (JSON).
 */
import type { PatchReport } from '../core/patch/report';
import type { AsmSyntax, Disassembler } from '../core/ports';
import type { SymbolLookup } from '../core/symbols';
import type { FeatureSet } from './featureSets';

const spaced = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** One line per distinct final of each site, naming the sets that give it. */
export function formatSetsText(
  reports: readonly { set: FeatureSet; report: PatchReport }[],
  dis: Disassembler,
  syntax: AsmSyntax,
  symbols?: SymbolLookup,
): string {
  const first = reports[0]?.report;
  if (!first) return '';
  const out = [
    `kernel ${first.kernel}, ${first.loop}; ${reports.length} CPUs: ${reports.map((r) => r.set.label).join(' | ')}`,
    '',
  ];
  let differing = 0;
  first.sites.forEach((site, i) => {
    const groups = new Map<string, string[]>();
    for (const { set, report } of reports) {
      const r = report.sites[i];
      if (!r) continue;
      const key = spaced(r.final);
      groups.set(key, [...(groups.get(key) ?? []), set.label]);
    }
    if (groups.size > 1) differing++;
    out.push(
      `site 0x${site.addr.toString(16)}${site.symbol ? ` ${site.symbol}` : ''}  len ${site.len}`,
    );
    for (const [bytes, labels] of groups) {
      const final = reports.find((r) => labels.includes(r.set.label))!.report.sites[i]!.final;
      const asm = dis
        .disassemble(final, site.addr, syntax, symbols)
        .map((x) => x.text)
        .join('; ');
      out.push(`  ${labels.join(', ')}:`, `    ${bytes.padEnd(30)} ${asm}`);
    }
    out.push('');
  });
  out.push(`${differing} of ${first.sites.length} sites differ between the CPUs`);
  return out.join('\n') + '\n';
}

/** `{"sets":[{"label","report":<the single-set JSON>}…]}`: each report exactly as alone. */
export function formatSetsJson(reports: readonly { set: FeatureSet; json: string }[]): string {
  const items = reports.map(
    ({ set, json }) =>
      `    {\n      "label": ${JSON.stringify(set.label)},\n      "report": ${json.trimEnd().replaceAll('\n', '\n      ')}\n    }`,
  );
  return `{\n  "sets": [\n${items.join(',\n')}\n  ]\n}\n`;
}
