/**
 * A site in the objdump-like report form (`altscope patch` text, and the app's "Copy as text"):
 * the bytes and disassembly of the original, of every entry's replacement and of the final
 * bytes, why each entry won or lost, relocations and diagnostics.
 */
import type { AltTable, KernelVersion } from '../model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../model';
import type { AsmSyntax, Disassembler } from '../ports';
import type { SiteResult } from '../patch/report';
import { featureLabel, formatFeatureIndex } from '../features';
import type { SymbolLookup } from '../symbols';

/** Flag names for the known bits, `0x…` for any other bits. */
export function flagNames(flags: number): string[] {
  const names: string[] = [];
  if (flags & ALT_FLAG_NOT) names.push('NOT');
  if (flags & ALT_FLAG_DIRECT_CALL) names.push('DIRECT_CALL');
  const rest = flags & ~(ALT_FLAG_NOT | ALT_FLAG_DIRECT_CALL);
  if (rest) names.push('0x' + rest.toString(16));
  return names;
}

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

/** The report lines of one site (`index`: its position in `table.sites`, a hint). */
export function formatSiteLines(
  r: SiteResult,
  index: number,
  table: Pick<AltTable, 'sites'>,
  report: { kernel: KernelVersion },
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
