/** An expansion as an ordinary site: what every other view (columns, timeline, CLI) reads. */
import type { Addr, AltEntry, Site } from '../model';
import type { MacroExpansion } from './expand';

export function siteFromExpansion(
  addr: Addr,
  original: Uint8Array,
  expansion: MacroExpansion,
  firstIndex = 0,
): Site {
  const entries: AltEntry[] = expansion.levels.map((l, i) => ({
    instr: addr,
    repl: l.repl,
    cpuid: l.cpuid,
    flags: l.flags,
    instrlen: l.instrlen,
    replacementlen: l.replacement.length,
    replacement: l.replacement,
    tableIndex: firstIndex + i,
  }));
  return { addr, original, entries, expansion };
}
