/**
 * The editor's inline disassembly: each line's bytes decoded at the address they live at, so a
 * relative call or jump shows the target the site columns and the timeline show (decoding at 0
 * would print a different number for the same bytes).
 */
import type { KernelVersion } from '../../core/model';
import type { AsmSyntax, Disassembler } from '../../core/ports';
import { parseTextScenario } from '../../core/scenario/text';

/** One hint: the line it ends and the instructions of the line's bytes. */
export interface LineDisassembly {
  line: number;
  text: string;
}

/**
 * Every byte line of a text scenario, disassembled at its address (`orig` at the site,
 * `alt` at its replacement address, `memory` at its own). Lines the parser rejected, or whose
 * address it could not work out, get no hint rather than a wrong target.
 */
export function disassembleLines(
  text: string,
  kernel: KernelVersion,
  disassembler: Disassembler,
  syntax: AsmSyntax,
): LineDisassembly[] {
  const out: LineDisassembly[] = [];
  for (const l of parseTextScenario(text, undefined, kernel).byteLines ?? []) {
    if (l.addr === undefined) continue;
    const insns = disassembler.disassemble(l.bytes, l.addr, syntax);
    out.push({ line: l.line, text: insns.map((i) => i.text).join('; ') });
  }
  return out;
}
