import type { AltTable, MemoryRange, ParavirtSite, Site } from '../model';

/**
 * The part of a 6.1 table's paravirt data that `sites` need, for a scenario carrying only those
 * sites (a link, `altscope link --site`): the paravirt sites overlapping them and the memory
 * ranges holding their `pv_ops` slots. Empty for tables without paravirt sites.
 */
export function paravirtFor(
  table: AltTable,
  sites: readonly Site[],
): { paravirt: ParavirtSite[]; memory: MemoryRange[] } {
  const pvOps = table.symbols.find((s) => s.name === 'pv_ops')?.addr;
  if (!table.paravirt?.length || pvOps === undefined) return { paravirt: [], memory: [] };
  const overlaps = (p: ParavirtSite) =>
    sites.some(
      (s) => p.addr < s.addr + BigInt(s.original.length) && s.addr < p.addr + BigInt(p.len),
    );
  const paravirt = table.paravirt.filter(overlaps);
  const slots = paravirt.map((p) => pvOps + BigInt(8 * p.type));
  const memory = table.memory.filter((m) =>
    slots.some((a) => a >= m.addr && a + 8n <= m.addr + BigInt(m.bytes.length)),
  );
  return { paravirt, memory };
}
