/** Which records of a pass a search matches: symbol, address, `what` or before/after bytes. */
import { bootString, type BootColumns, type PassSummary } from '../../worker/bootColumns';
import { hexBytes } from '../format';

const hex = (arena: Uint8Array, at: number, len: number): string =>
  hexBytes(arena.subarray(at, at + len));

/** Indices (into the columns' records) of `pass`'s records matching `query`, in pass order. */
export function matchRecords(c: BootColumns, pass: PassSummary, query: string): Uint32Array {
  const q = query.trim().toLowerCase().replace(/^0x/, '');
  const n = pass.end - pass.start;
  if (!q) return Uint32Array.from({ length: n }, (_, k) => pass.start + k);
  const out: number[] = [];
  for (let i = pass.start; i < pass.end; i++) {
    const sym = c.recSymbol[i]!;
    const len = c.recLen[i]!;
    if (
      (sym >= 0 && bootString(c, sym).toLowerCase().includes(q)) ||
      bootString(c, c.recWhat[i]!).toLowerCase().includes(q) ||
      c.recAddr[i]!.toString(16).includes(q) ||
      hex(c.arena, c.recBeforeAt[i]!, len).includes(q) ||
      hex(c.arena, c.recAfterAt[i]!, len).includes(q)
    )
      out.push(i);
  }
  return Uint32Array.from(out);
}
