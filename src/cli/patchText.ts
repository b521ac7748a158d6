/**
 * `altscope patch` without `--json`: per site, the bytes and AT&T disassembly of the original,
 * of every entry's replacement and of the final bytes, and why each entry won or lost.
 */
import type { AltTable } from '../core/model';
import type { AsmSyntax, Disassembler } from '../core/ports';
import type { SymbolLookup } from '../core/symbols';
import type { PatchReport, SiteResult } from '../core/patch/report';
import { featureLabel, formatFeatureIndex } from '../core/features';
import { flagNames } from './patchJson';

const spaced = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
const BYTES_WIDTH = 30;

/** How the report disassembles: syntax, and the names targets get (objdump's `<sym+0xoff>`). */
export interface AsmStyle {
  syntax: AsmSyntax;
  symbols?: SymbolLookup;
}

function bytesAndAsm(bytes: Uint8Array, ip: bigint, dis: Disassembler, style: AsmStyle): string {
  const text = spaced(bytes);
  const asm = dis
    .disassemble(bytes, ip, style.syntax, style.symbols)
    .map((i) => i.text)
    .join('; ');
  return bytes.length === 0 ? '(empty)' : `${text.padEnd(BYTES_WIDTH)} ${asm}`;
}

function formatSite(
  r: SiteResult,
  index: number,
  table: AltTable,
  report: PatchReport,
  dis: Disassembler,
  style: AsmStyle,
): string[] {
  // simulate() reports the table's sites in order; search only if a caller reordered them.
  const same = table.sites[index];
  const site = same?.addr === r.addr ? same : table.sites.find((s) => s.addr === r.addr);
  // Relocatable objects have no load address: their section+offset names the site.
  const where = site?.place
    ? `${site.place} (0x${r.addr.toString(16)})`
    : `0x${r.addr.toString(16)}`;
  const lines = [`site ${where}${r.symbol ? ` ${r.symbol}` : ''}  len ${r.len}`];
  lines.push(`  old      ${bytesAndAsm(r.original, r.addr, dis, style)}`);
  (site?.entries ?? []).forEach((e, i) => {
    const v = r.verdicts[i];
    const flags = flagNames(e.flags);
    const feature = `${featureLabel(e.cpuid, report.kernel)} (${formatFeatureIndex(e.cpuid)})`;
    const mark = v?.selected ? 'selected' : v?.eligible ? 'eligible' : 'not eligible';
    lines.push(
      `  entry ${i}  ${flags.length ? flags.join(' ') + ' ' : ''}${feature} instrlen ${e.instrlen}: ${mark}${v?.reason ? ` — ${v.reason}` : ''}`,
    );
    lines.push(`           ${bytesAndAsm(e.replacement, e.repl, dis, style)}`);
  });
  lines.push(`  final    ${bytesAndAsm(r.final, r.addr, dis, style)}`);
  for (const x of r.relocations) {
    lines.push(
      `  reloc    +${x.offset} ${x.kind}: disp 0x${(x.oldDisp >>> 0).toString(16)} -> 0x${(x.newDisp >>> 0).toString(16)}, target 0x${x.target.toString(16)}${x.shrunk ? ' (jmp shrunk)' : ''}`,
    );
  }
  if (r.writes.length > 1)
    lines.push(
      `  writes   ${r.writes.length} (${r.writes.map((w) => spaced(w.after)).join(' | ')})`,
    );
  for (const d of r.diagnostics) lines.push(`  ${d.severity} ${d.code}: ${d.message}`);
  return lines;
}

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
    out.push(...formatSite(r, i, table, report, dis, { syntax, symbols }), ''),
  );
  return out.join('\n');
}
