import type { AltTable, Site } from '../core/model';

/**
 * `--sites PATTERN[,PATTERN…]`: an address (`0xffffffff81283cd3`, with or without `0x`), a
 * `%pS` name (`save_fpregs_to_fpstate+0x43/0xa0`) or a symbol glob (`save_fpregs*`, `*xsave*`)
 * matched against the function name. Returns the matching sites and the patterns that matched
 * nothing.
 */
export function selectSites(
  sites: readonly Site[],
  patterns: readonly string[],
): { sites: Site[]; unmatched: string[] } {
  const used = new Set<string>();
  const matchers = patterns.map((p) => ({ p, test: matcherFor(p) }));
  const out = sites.filter((s) => {
    let hit = false;
    for (const m of matchers) {
      if (m.test(s)) {
        used.add(m.p);
        hit = true;
      }
    }
    return hit;
  });
  return { sites: out, unmatched: patterns.filter((p) => !used.has(p)) };
}

function matcherFor(pattern: string): (s: Site) => boolean {
  const addr = /^(?:0x)?([0-9a-fA-F]{6,16})$/.exec(pattern);
  if (addr) {
    const want = BigInt(`0x${addr[1]}`);
    return (s) => s.addr === want || BigInt.asUintN(32, s.addr) === want;
  }
  if (pattern.includes('+')) return (s) => s.symbol === pattern;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
  return (s) => s.symbol !== undefined && re.test(s.symbol.split('+')[0] as string);
}

/** A smaller table with only `sites`, and only the memory those sites' DIRECT_CALL entries read. */
export function subsetTable(table: AltTable, sites: Site[]): AltTable {
  const slots = new Set<bigint>();
  for (const s of sites) {
    const o = s.original;
    if (o.length >= 6 && o[0] === 0xff && o[1] === 0x15) {
      const disp = new DataView(o.buffer, o.byteOffset, o.byteLength).getInt32(2, true);
      slots.add(BigInt.asUintN(64, s.addr + 6n + BigInt(disp)));
    }
  }
  return { ...table, sites, memory: table.memory.filter((m) => slots.has(m.addr)) };
}
