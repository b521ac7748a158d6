import type { AltEntry } from '../core/model';

/**
 * Consecutive entries with the same `instr` form one site (nested ALTERNATIVE_n emits them
 * back to back); the same address appearing again later is a separate site, as in the kernel.
 */
export function groupEntries(entries: readonly AltEntry[]): AltEntry[][] {
  const groups: AltEntry[][] = [];
  let current: AltEntry[] = [];
  for (const e of entries) {
    if (current.length > 0 && current[0]!.instr !== e.instr) {
      groups.push(current);
      current = [];
    }
    current.push(e);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Site length: the longest `instrlen` of its entries. */
export const siteLength = (entries: readonly AltEntry[]): number =>
  entries.reduce((m, e) => Math.max(m, e.instrlen), 0);
