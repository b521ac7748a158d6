/**
 * Naming addresses for disassembly, the way `objdump -d` does: the nearest symbol at or below
 * an address, shown as `<sym+0xoff>`. Readers (`.symtab`, System.map, kallsyms, BTF member
 * paths) produce a `SymbolLookup`; formatting only ever sees that function.
 */

/** The symbol covering an address and the distance into it. */
export interface SymbolHit {
  name: string;
  offset: bigint;
}

/** Nearest symbol at or below `addr`, or undefined when none names it. */
export type SymbolLookup = (addr: bigint) => SymbolHit | undefined;

/** objdump's reference form: `<BUG_func>`, `<pv_ops+0x40>`. */
export function formatSymbolRef(hit: SymbolHit): string {
  return hit.offset === 0n ? `<${hit.name}>` : `<${hit.name}+0x${hit.offset.toString(16)}>`;
}

/** Addresses as objdump prints them in references: bare lowercase hex. */
export const bareHex = (addr: bigint): string => BigInt.asUintN(64, addr).toString(16);

/** The first lookup that names the address wins (e.g. BTF member paths before `.symtab`). */
export function layerLookups(...layers: (SymbolLookup | undefined)[]): SymbolLookup | undefined {
  const present = layers.filter((l): l is SymbolLookup => l !== undefined);
  if (present.length <= 1) return present[0];
  return (addr) => {
    for (const l of present) {
      const hit = l(addr);
      if (hit) return hit;
    }
    return undefined;
  };
}
