/**
 * The sites selected for sharing: a set kept in selection order (a link lists them in that
 * order), separate from the one site that is shown.
 */
import type { AppState } from './store';

/** `shared` with `addr` added at the end, or removed when it was there. */
export function toggleShared(shared: readonly string[], addr: string): string[] {
  return shared.includes(addr) ? shared.filter((a) => a !== addr) : [...shared, addr];
}

/** `shared` with every address of `range` that is not yet in it added, in range order. */
export function addSharedRange(shared: readonly string[], range: readonly string[]): string[] {
  const have = new Set(shared);
  const added = range.filter((a) => {
    if (have.has(a)) return false;
    have.add(a);
    return true;
  });
  return added.length === 0 ? [...shared] : [...shared, ...added];
}

/** The sites a link carries: the shown one first, then the shared ones, each once. */
export function selectLinkedSites(s: Pick<AppState, 'site' | 'shared'>): string[] {
  return [...new Set(s.site ? [s.site, ...s.shared] : s.shared)];
}
