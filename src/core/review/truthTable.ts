import type { AltTable, Diagnostic, KernelVersion, PatchLoop, Site } from '../model';
import type { SiteResult } from '../patch/report';
import { describeOutcome, tookEffect } from '../patch/outcome';
import { toHex } from './bytes';
import type { ReviewDeps } from './context';
import { FEATURE_ALWAYS } from './context';
import { findWinnerCondition } from './winnerConditions';

/** Above this many features a site's combinations are grouped by winner instead of listed. */
export const TRUTH_TABLE_MAX_FEATURES = 12;

/** Rows that leave identical bytes and diagnostics. */
export interface TruthGroup {
  final: Uint8Array;
  diagnostics: Diagnostic[];
  /** Entries selected in these rows (usually one; none = original kept). */
  selected: (number | null)[];
  /**
   * What the entries did in these rows, one summary per distinct case, e.g. `#0 written last`,
   * `#0 written (then overwritten by #1), #1 written last`, `#1 BUG while writing`; empty when
   * no entry was written.
   */
  effects: string[];
  /** Each row: the referenced features' values, in `features` order. */
  rows: boolean[][];
}

export interface TruthTable {
  /** Feature indices the site references (ALWAYS excluded: it is always on). */
  features: number[];
  /** All 2^n combinations were simulated. */
  complete: boolean;
  /** Why the table is not complete, in words. */
  note?: string;
  groups: TruthGroup[];
  /** Entries whose bytes no combination leaves on the site (never the winner / written last). */
  neverWins: number[];
  /** Per entry, everything it did across the combinations (`not eligible`, `written last`, …). */
  entryOutcomes: string[][];
}

type TruthDeps = Pick<ReviewDeps, 'simulate' | 'decoder'>;

/** Simulate one site under every combination of the features it references. */
export function buildTruthTable(
  table: Pick<AltTable, 'memory' | 'symbols'>,
  site: Site,
  kernel: KernelVersion,
  loop: PatchLoop,
  deps: TruthDeps,
): TruthTable {
  const features = referencedFeatures(site);
  const complete = features.length <= TRUTH_TABLE_MAX_FEATURES;
  const rows = complete ? allCombinations(features.length) : rowsPerWinner(site, features);
  const groups = new Map<string, TruthGroup>();
  const wins = new Set<number>();
  const entryOutcomes: string[][] = site.entries.map(() => []);
  for (const row of rows) {
    const result = simulateSite(table, site, kernel, loop, features, row, deps);
    if (!result) continue;
    const key = `${toHex(result.final)}|${result.diagnostics.map((d) => d.code).join(',')}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        final: result.final,
        diagnostics: result.diagnostics,
        selected: [],
        effects: [],
        rows: [],
      };
      groups.set(key, group);
    }
    if (!group.selected.includes(result.selected)) group.selected.push(result.selected);
    const effect = summariseEffects(result);
    if (effect !== '' && !group.effects.includes(effect)) group.effects.push(effect);
    group.rows.push(row);
    result.verdicts.forEach((v, k) => {
      const text = describeOutcome(v.outcome);
      if (!entryOutcomes[k]!.includes(text)) entryOutcomes[k]!.push(text);
      if (tookEffect(v.outcome)) wins.add(k);
    });
  }
  const neverWins = site.entries.flatMap((_, k) => (wins.has(k) ? [] : [k]));
  return {
    features,
    complete,
    ...(complete
      ? {}
      : {
          note: `${features.length} features exceed ${TRUTH_TABLE_MAX_FEATURES}: one representative combination per possible winner is shown instead of all ${2 ** features.length}`,
        }),
    groups: [...groups.values()],
    neverWins,
    entryOutcomes,
  };
}

/** The entries that wrote or BUG()ed, with what they did (superseded ones go without saying). */
function summariseEffects(result: SiteResult): string {
  return result.verdicts
    .flatMap((v, k) =>
      ['winner', 'overwritten', 'written-last', 'bug'].includes(v.outcome.kind)
        ? [`#${k} ${describeOutcome(v.outcome)}`]
        : [],
    )
    .join(', ');
}

/** Distinct feature indices of the site's entries, in first-use order, without ALWAYS. */
export function referencedFeatures(site: Site): number[] {
  const out: number[] = [];
  for (const e of site.entries) {
    const f = Number(e.cpuid);
    if (f !== FEATURE_ALWAYS && !out.includes(f)) out.push(f);
  }
  return out;
}

function allCombinations(n: number): boolean[][] {
  const rows: boolean[][] = [];
  for (let m = 0; m < 2 ** n; m++)
    rows.push(Array.from({ length: n }, (_, i) => (m >> i) % 2 === 1));
  return rows;
}

/** For wide sites: one row per possible winner (and for "nothing eligible"), other features off. */
function rowsPerWinner(site: Site, features: number[]): boolean[][] {
  const rows: boolean[][] = [];
  for (let w = -1; w < site.entries.length; w++) {
    const want = findWinnerCondition(site, w);
    if (want) rows.push(features.map((f) => want.get(f) ?? false));
  }
  return rows;
}

function simulateSite(
  table: Pick<AltTable, 'memory' | 'symbols'>,
  site: Site,
  kernel: KernelVersion,
  loop: PatchLoop,
  features: number[],
  row: boolean[],
  deps: TruthDeps,
): SiteResult | undefined {
  const present = new Set<number>([FEATURE_ALWAYS]);
  features.forEach((f, i) => row[i] && present.add(f));
  const one: AltTable = {
    kernel,
    sites: [site],
    memory: table.memory,
    symbols: table.symbols,
    features: [],
  };
  return deps.simulate(one, { kernel, loop, features: present }, deps.decoder).sites[0];
}
