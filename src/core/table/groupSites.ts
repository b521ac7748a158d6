import type { Addr, AltEntry, Site } from '../model';

/**
 * Consecutive entries with the same `instr`, in table order — exactly the kernel's grouping
 * (6.12's group max and 7.2's analyze_patch_site both scan only forward while `instr` matches),
 * so a repeat of an address after another site is a separate site.
 */
export function groupSites(entries: readonly AltEntry[]): AltEntry[][] {
  const groups: AltEntry[][] = [];
  let cur: AltEntry[] | undefined;
  for (const e of entries) {
    if (cur && cur[0]?.instr === e.instr) cur.push(e);
    else {
      cur = [e];
      groups.push(cur);
    }
  }
  return groups;
}

/** A site's length: the longest `instrlen` of its entries (nested macros pad outward). */
export function siteLength(entries: readonly AltEntry[]): number {
  let len = 0;
  for (const e of entries) if (e.instrlen > len) len = e.instrlen;
  return len;
}

/** Sites from a flat table, reading each site's original bytes through `readOriginal`. */
export function buildSites(
  entries: readonly AltEntry[],
  readOriginal: (addr: Addr, len: number) => Uint8Array,
  symbolize?: (addr: Addr) => string | undefined,
): Site[] {
  return groupSites(entries).map((group) => {
    const addr = (group[0] as AltEntry).instr;
    const symbol = symbolize?.(addr);
    const site: Site = { addr, original: readOriginal(addr, siteLength(group)), entries: group };
    if (symbol !== undefined) site.symbol = symbol;
    return site;
  });
}
