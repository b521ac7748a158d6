/**
 * Every CPU at once: one site (or a table) patched under several feature sets, grouped by the
 * final bytes each gives — "qemu64 gets xsave, every other CPU xsaveopt".
 */
import type { AltTable, KernelVersion, PatchLoop, Site } from '../model';
import type { SiteResult } from '../patch/report';
import { equalBytes } from './bytes';
import type { ReviewDeps } from './context';

/** A CPU to try: a label (preset name, file name) and its present features. */
export interface CpuSet {
  label: string;
  features: readonly number[];
}

/** One outcome: the final bytes and the CPUs that get them (in the order given). */
export interface CpuOutcome {
  final: Uint8Array;
  labels: string[];
  result: SiteResult;
}

/** The site's outcomes under each set, grouped by equal final bytes (first occurrence order). */
export function outcomesByCpu(
  table: AltTable,
  site: Site,
  kernel: KernelVersion,
  loop: PatchLoop,
  sets: readonly CpuSet[],
  deps: Pick<ReviewDeps, 'simulate' | 'decoder'>,
): CpuOutcome[] {
  const one = { ...table, kernel, sites: [site] };
  const out: CpuOutcome[] = [];
  for (const set of sets) {
    const features = new Set([...table.features, ...set.features]);
    const result = deps.simulate(one, { kernel, loop, features }, deps.decoder).sites[0];
    if (!result) continue;
    const same = out.find((o) => equalBytes(o.final, result.final));
    if (same) same.labels.push(set.label);
    else out.push({ final: result.final, labels: [set.label], result });
  }
  return out;
}
