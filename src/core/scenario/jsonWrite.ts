import type { AltTable } from '../model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../model';
import { formatFeatureIndex } from '../features/parse';

const hex = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += (x < 16 ? '0' : '') + x.toString(16);
  return s;
};
const addr = (a: bigint): string => `0x${a.toString(16)}`;

/** Flags as names when they are the known ones, else the raw number (kept exact). */
function flagsJson(flags: number): string[] | number {
  if (flags & ~(ALT_FLAG_NOT | ALT_FLAG_DIRECT_CALL)) return flags;
  const out: string[] = [];
  if (flags & ALT_FLAG_NOT) out.push('NOT');
  if (flags & ALT_FLAG_DIRECT_CALL) out.push('DIRECT_CALL');
  return out;
}

/**
 * The interchange form of a table (inverse of parseJsonScenario): every field explicit, so a
 * round trip keeps `instrlen`, `repl_addr` and table order exactly. Features as `W*32+B`.
 */
export function toScenarioJson(table: AltTable): string {
  const doc = {
    format: 'altscope-scenario',
    version: 1,
    kernel: table.kernel,
    ...(table.features.length ? { features: table.features.map(formatFeatureIndex) } : {}),
    symbols: table.symbols.map((s) => ({ name: s.name, addr: addr(s.addr) })),
    memory: table.memory.map((m) => ({ addr: addr(m.addr), bytes: hex(m.bytes) })),
    sites: table.sites.map((s) => ({
      addr: addr(s.addr),
      ...(s.symbol !== undefined ? { symbol: s.symbol } : {}),
      bytes: hex(s.original),
      entries: s.entries.map((e) => ({
        feature: formatFeatureIndex(e.cpuid),
        flags: flagsJson(e.flags),
        instrlen: e.instrlen,
        repl_addr: addr(e.repl),
        repl: hex(e.replacement),
      })),
    })),
    ...(table.paravirt?.length
      ? {
          paravirt: table.paravirt.map((p) => ({
            addr: addr(p.addr),
            type: p.type,
            bytes: hex(p.original),
            ...(p.symbol !== undefined ? { symbol: p.symbol } : {}),
          })),
        }
      : {}),
  };
  return JSON.stringify(doc, null, 1) + '\n';
}
