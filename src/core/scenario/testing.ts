/**
 * Helpers for scenario tests: a table without source positions, as plain comparable data.
 * Lives beside the parsers because several test files (round trip, examples) compare tables.
 */
import type { AltTable } from '../model';

const hex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** `table` as plain JSON-able data: bigints and bytes as hex, `source` fields dropped. */
export function describeTable(table: AltTable): unknown {
  return {
    kernel: table.kernel,
    features: [...table.features],
    symbols: table.symbols.map((s) => ({ name: s.name, addr: s.addr.toString(16) })),
    memory: table.memory.map((m) => ({ addr: m.addr.toString(16), bytes: hex(m.bytes) })),
    sites: table.sites.map((s) => ({
      addr: s.addr.toString(16),
      symbol: s.symbol,
      original: hex(s.original),
      entries: s.entries.map((e) => ({
        instr: e.instr.toString(16),
        repl: e.repl.toString(16),
        cpuid: e.cpuid,
        flags: e.flags,
        instrlen: e.instrlen,
        replacementlen: e.replacementlen,
        replacement: hex(e.replacement),
        tableIndex: e.tableIndex,
      })),
    })),
  };
}
