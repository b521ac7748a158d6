import type { DiffComparison } from './compareDiff';
import type { DiffRun } from './memdiff';
import type { PassRun } from './pipeline';
import type { BootTables } from './types';

/** Why bytes of a real boot differ from the simulation. */
export type UnexplainedCause =
  /** A `__jump_table` site whose key was switched after `jump_label_init()` (an initcall, a driver). */
  | 'jump label switched later'
  /** An inline static call whose key a later `static_call_update()` changed. */
  | 'static call updated later'
  /** A static call's out-of-line trampoline (`__SCT__<name>`), rewritten by the same update. */
  | 'static call trampoline updated later'
  /** A runtime constant only the booted machine knows (heap address, hash shift). */
  | 'runtime constant (unknowable here)'
  /** No table names this place. */
  | 'no table';

/** A run of bytes the simulation does not reproduce, with its cause and the key involved. */
export interface UnexplainedRun {
  addr: bigint;
  len: number;
  cause: UnexplainedCause;
  /** The static key / static call key (address), when the cause has one. */
  key?: bigint;
  /** True when the simulation wrote here and the boot did not. */
  extra: boolean;
}

/** Index of sites by address range, for lookups of a few thousand runs. */
interface Span {
  start: bigint;
  end: bigint;
  cause: UnexplainedCause;
  key?: bigint;
}

/**
 * Attribute each run the simulation got wrong (or wrote in excess) to the table naming its place:
 * the boot diff's "unexplained bytes" list, each with the kernel mechanism that can change them
 * after the passes ran.
 */
export function explainDiff(
  cmp: DiffComparison,
  tables: BootTables,
  runs: readonly PassRun[],
): UnexplainedRun[] {
  const spans: Span[] = [];
  for (const j of tables.jumpTable) {
    spans.push({ start: j.code, end: j.code + 5n, cause: 'jump label switched later', key: j.key });
  }
  for (const s of tables.staticCallSites) {
    spans.push({ start: s.addr, end: s.addr + 6n, cause: 'static call updated later', key: s.key });
  }
  for (const run of runs) {
    for (const r of run.records) {
      if (r.pass === 'returns' && r.what.startsWith('static call trampoline')) {
        spans.push({
          start: r.addr,
          end: r.addr + 5n,
          cause: 'static call trampoline updated later',
        });
      }
      if (r.unknowable) {
        const end = r.addr + BigInt(r.before.length);
        spans.push({ start: r.addr, end, cause: 'runtime constant (unknowable here)' });
      }
    }
  }
  spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const find = (addr: bigint): Span | undefined => {
    let lo = 0;
    let hi = spans.length - 1;
    let best: Span | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = spans[mid] as Span;
      if (s.start <= addr) {
        best = s;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // A few entries may start just before (a 2-byte jump label then a 5-byte one): look back.
    for (let i = Math.max(0, lo - 4); i < Math.min(spans.length, lo + 1); i++) {
      const s = spans[i] as Span;
      if (s.start <= addr && addr < s.end) return s;
    }
    return best && addr < best.end ? best : undefined;
  };
  const explain = (r: DiffRun, extra: boolean): UnexplainedRun => {
    const s = find(r.addr);
    const out: UnexplainedRun = {
      addr: r.addr,
      len: r.bytes.length,
      cause: s?.cause ?? 'no table',
      extra,
    };
    if (s?.key !== undefined) out.key = s.key;
    return out;
  };
  return [
    ...cmp.wrong.map((r) => explain(r, false)),
    ...cmp.extra.map((r) => explain(r, true)),
  ].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
}
