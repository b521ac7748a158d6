/**
 * A symbol table as plain sorted columns: what the worker posts to the page, and what BTF member
 * paths become. Lookup is a binary search over the address halves (no BigInt per probe).
 */
import type { SymbolHit, SymbolLookup } from './lookup';

/** Posted form: addresses ascending (as u32 halves), one printed name per distinct address. */
export interface SymbolTableData {
  hi: Uint32Array;
  lo: Uint32Array;
  names: string[];
  /** Per entry, where it stops naming (exclusive, as halves); 0/0 means "until the next one". */
  endHi?: Uint32Array;
  endLo?: Uint32Array;
}

/** A named address (and optionally how far it reaches). */
export interface TableSymbol {
  name: string;
  addr: bigint;
  /** Exclusive end; without it a symbol reaches to the next one. */
  end?: bigint;
}

const split = (a: bigint): [number, number] => {
  const u = BigInt.asUintN(64, a);
  return [Number(u >> 32n), Number(u & 0xffffffffn)];
};
const join = (h: number, l: number): bigint => (BigInt(h) << 32n) | BigInt(l);

/** Sorted columns from symbols in any order; at equal addresses the first given is kept. */
export function symbolTableOf(symbols: readonly TableSymbol[]): SymbolTableData {
  const sorted = symbols
    .map((s, i) => ({ s, i }))
    .sort((x, y) => (x.s.addr < y.s.addr ? -1 : x.s.addr > y.s.addr ? 1 : x.i - y.i));
  const kept = sorted.filter((x, k) => k === 0 || sorted[k - 1]?.s.addr !== x.s.addr);
  const n = kept.length;
  const data: SymbolTableData = {
    hi: new Uint32Array(n),
    lo: new Uint32Array(n),
    names: kept.map((x) => x.s.name),
  };
  const bounded = kept.some((x) => x.s.end !== undefined);
  if (bounded) {
    data.endHi = new Uint32Array(n);
    data.endLo = new Uint32Array(n);
  }
  kept.forEach(({ s }, k) => {
    [data.hi[k], data.lo[k]] = split(s.addr);
    if (data.endHi && data.endLo && s.end !== undefined)
      [data.endHi[k], data.endLo[k]] = split(s.end);
  });
  return data;
}

/** Index of the last entry at or below (h, l), or -1. */
function floorIndex(t: SymbolTableData, h: number, l: number): number {
  let a = 0;
  let b = t.hi.length - 1;
  let best = -1;
  while (a <= b) {
    const mid = (a + b) >> 1;
    const mh = t.hi[mid] as number;
    if (mh < h || (mh === h && (t.lo[mid] as number) <= l)) {
      best = mid;
      a = mid + 1;
    } else b = mid - 1;
  }
  return best;
}

/** A `SymbolLookup` over a table: nearest entry at or below, within its end when it has one. */
export function lookupIn(t: SymbolTableData): SymbolLookup {
  return (addr: bigint): SymbolHit | undefined => {
    if (addr < 0n || addr >= 1n << 64n) return undefined;
    const [h, l] = split(addr);
    const i = floorIndex(t, h, l);
    if (i < 0) return undefined;
    const start = join(t.hi[i] as number, t.lo[i] as number);
    const eh = t.endHi?.[i] ?? 0;
    const el = t.endLo?.[i] ?? 0;
    if ((eh !== 0 || el !== 0) && addr >= join(eh, el)) return undefined;
    return { name: t.names[i] as string, offset: addr - start };
  };
}

/**
 * Names a scenario itself carries (`nop_func`, `BUG_func`): exact addresses only, since a
 * scenario says nothing about where those functions end.
 */
export function tableSymbols(table: {
  symbols: readonly { name: string; addr: bigint }[];
}): SymbolLookup | undefined {
  if (table.symbols.length === 0) return undefined;
  return lookupIn(symbolTableOf(table.symbols.map((s) => ({ ...s, end: s.addr + 1n }))));
}

/** An image's names as posted from the worker: its symbol table and BTF member paths. */
export interface SymbolSet {
  base: SymbolTableData;
  members: SymbolTableData;
}

/** Member paths first (they are finer), then the symbol table. */
export function lookupOfSet(set: SymbolSet): SymbolLookup {
  const base = lookupIn(set.base);
  if (set.members.names.length === 0) return base;
  const members = lookupIn(set.members);
  return (addr) => members(addr) ?? base(addr);
}
