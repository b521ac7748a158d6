import type { Disassembler } from '../ports';
import type { SymbolLookup } from './lookup';

/**
 * A disassembler that names targets with `symbols` unless a caller passes its own: every view
 * that disassembles the shown kernel gets objdump-style references without knowing about them.
 */
export function withSymbols(dis: Disassembler, symbols: SymbolLookup | undefined): Disassembler {
  if (!symbols) return dis;
  return {
    disassemble: (bytes, ip, syntax, own) => dis.disassemble(bytes, ip, syntax, own ?? symbols),
    ...(dis.cpuidFeatures ? { cpuidFeatures: dis.cpuidFeatures.bind(dis) } : {}),
  };
}
