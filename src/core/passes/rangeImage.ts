import type { Addr } from '../model';
import type { TextImage } from './types';

/**
 * A TextImage over the few ranges of text a table knows (its sites, the paravirt sites):
 * overlapping or touching ranges are merged (they are copies of the same image bytes), so a
 * read or write that stays inside the known bytes works and anything else is refused.
 */
export function createTextImage(ranges: readonly { addr: Addr; bytes: Uint8Array }[]): TextImage {
  const sorted = [...ranges].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  const starts: bigint[] = [];
  const chunks: Uint8Array[] = [];
  for (const r of sorted) {
    const last = chunks.length - 1;
    const end = last >= 0 ? starts[last]! + BigInt(chunks[last]!.length) : -1n;
    if (last >= 0 && r.addr <= end) {
      const newEnd = r.addr + BigInt(r.bytes.length);
      if (newEnd > end) {
        const grown = new Uint8Array(Number(newEnd - starts[last]!));
        grown.set(chunks[last]!);
        grown.set(r.bytes, Number(r.addr - starts[last]!));
        chunks[last] = grown;
      }
    } else {
      starts.push(r.addr);
      chunks.push(r.bytes.slice());
    }
  }
  const find = (addr: bigint, len: number): [Uint8Array, number] | undefined => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! > addr) hi = mid - 1;
      else lo = mid + 1;
    }
    if (hi < 0) return undefined;
    const off = Number(addr - starts[hi]!);
    const chunk = chunks[hi]!;
    return off + len <= chunk.length ? [chunk, off] : undefined;
  };
  return {
    read(addr, len) {
      const hit = find(addr, len);
      return hit ? hit[0].slice(hit[1], hit[1] + len) : undefined;
    },
    write(addr, bytes) {
      const hit = find(addr, bytes.length);
      if (!hit) return false;
      hit[0].set(bytes, hit[1]);
      return true;
    },
  };
}
