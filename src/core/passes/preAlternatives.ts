import type { Addr } from '../model';
import type { AltSiteRun } from './alternatives';
import type { PassRun } from './pipeline';
import { recordWrote } from './recordBytes';
import type { PassName } from './types';

/** What a site held when `apply_alternatives()` reached it, and which passes wrote there first. */
export interface PreAlternatives {
  before: Uint8Array;
  writtenBy: PassName[];
}

/**
 * Per alternative site: its bytes before alternatives and the earlier passes whose writes
 * changed any of them (in pass order), e.g. `returns` for the 18 `jmp __x86_return_thunk` sites.
 */
export function preAlternatives(
  runs: readonly PassRun[],
  sites: readonly AltSiteRun[],
): Map<Addr, PreAlternatives> {
  const writes: { pass: PassName; start: bigint; end: bigint }[] = [];
  for (const run of runs) {
    if (run.pass === 'alternatives') break;
    for (const r of run.records) {
      if (recordWrote(r)) {
        writes.push({ pass: run.pass, start: r.addr, end: r.addr + BigInt(r.after.length) });
      }
    }
  }
  writes.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out = new Map<Addr, PreAlternatives>();
  for (const s of sites) {
    const start = s.result.addr;
    const end = start + BigInt(s.result.len);
    const by = new Set<PassName>();
    // Records are at most 16 bytes long, so only those starting within 16 bytes before matter.
    let lo = lowerBound(writes, start - 16n);
    for (; lo < writes.length && (writes[lo] as (typeof writes)[0]).start < end; lo++) {
      const w = writes[lo] as (typeof writes)[0];
      if (w.end > start) by.add(w.pass);
    }
    out.set(start, { before: s.before, writtenBy: [...by] });
  }
  return out;
}

function lowerBound(ws: readonly { start: bigint }[], at: bigint): number {
  let lo = 0;
  let hi = ws.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ws[mid] as { start: bigint }).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
