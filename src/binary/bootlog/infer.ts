import type { KernelVersion } from '../../core/model';
import type { LogTable } from './parse';

/**
 * Which kernel printed the log: 6.1's feat: lines carry no `flags:`; 6.12 logs "optimized NOPs" between feat: and old_insn and can log
 * several applied entries per site; 7.2 logs NOPs after final_insn and one entry per site.
 */
export function inferLogKernel(tables: readonly LogTable[]): KernelVersion | undefined {
  let multi = 0;
  let single = 0;
  for (const t of tables) {
    for (const s of t.sites) {
      if (s.records.some((r) => r.flags === undefined)) return '6.1';
      if (s.nopsBeforeOld || s.records.length > 1) multi++;
      if (s.nopsAfterFinal) single++;
    }
  }
  if (multi > single) return '6.12';
  if (single > multi) return '7.2';
  return undefined;
}
