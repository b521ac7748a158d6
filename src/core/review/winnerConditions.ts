import type { Site } from '../model';
import { ALT_FLAG_NOT } from '../model';
import { FEATURE_ALWAYS } from './context';

/**
 * The feature values under which entry `w` is the last eligible entry of the site (w = -1: no
 * entry eligible), or null when no feature combination does it. Eligibility is
 * `has(feature) XOR NOT`; ALWAYS is always present.
 */
export function findWinnerCondition(site: Site, w: number): Map<number, boolean> | null {
  const want = new Map<number, boolean>();
  for (let k = Math.max(0, w); k < site.entries.length; k++) {
    const e = site.entries[k]!;
    const presentMakesEligible = (e.flags & ALT_FLAG_NOT) === 0;
    const need = k === w ? presentMakesEligible : !presentMakesEligible;
    const f = Number(e.cpuid);
    if (f === FEATURE_ALWAYS) {
      if (!need) return null;
      continue;
    }
    if (want.has(f) && want.get(f) !== need) return null;
    want.set(f, need);
  }
  return want;
}

/** Entries that can never be the last eligible one, whatever the CPU. */
export function findNeverWinning(site: Site): number[] {
  return site.entries.flatMap((_, k) => (findWinnerCondition(site, k) === null ? [k] : []));
}
