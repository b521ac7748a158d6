/**
 * Feature choices are kept relative to the scenario: the table's own `features` line plus what
 * the user switched on, minus what the user switched off. Editing the scenario's features line
 * therefore still works after toggling, and a preset is just a pair of sets.
 */
import { getCatalogue, X86_FEATURE_ALWAYS } from '../core/features';
import type { KernelVersion } from '../core/model';

/** The user's changes to the scenario's features. */
export interface FeatureChoice {
  /** Switched on by the user (on top of the scenario's features). */
  on: readonly number[];
  /** Switched off by the user (scenario features the user does not want). */
  off: readonly number[];
}

export const NO_FEATURE_CHANGES: FeatureChoice = { on: [], off: [] };

/** The set the simulator sees; `X86_FEATURE_ALWAYS` cannot be switched off. */
export function computeEffectiveFeatures(
  scenario: readonly number[],
  choice: FeatureChoice,
): ReadonlySet<number> {
  const set = new Set<number>([...scenario, ...choice.on]);
  for (const f of choice.off) set.delete(f);
  set.add(X86_FEATURE_ALWAYS);
  return set;
}

/** Switch one feature on or off, keeping `on`/`off` minimal and disjoint. */
export function toggleFeature(
  scenario: readonly number[],
  choice: FeatureChoice,
  index: number,
  enabled: boolean,
): FeatureChoice {
  if (index === X86_FEATURE_ALWAYS) return choice;
  const declared = scenario.includes(index);
  const on = choice.on.filter((f) => f !== index);
  const off = choice.off.filter((f) => f !== index);
  if (enabled && !declared) on.push(index);
  if (!enabled && declared) off.push(index);
  return { on, off };
}

/** The choice that makes exactly `wanted` (plus ALWAYS) the effective set. */
export function chooseExactly(
  scenario: readonly number[],
  wanted: Iterable<number>,
): FeatureChoice {
  const want = new Set(wanted);
  return {
    on: [...want].filter((f) => !scenario.includes(f)).sort((a, b) => a - b),
    off: scenario.filter((f) => !want.has(f) && f !== X86_FEATURE_ALWAYS),
  };
}

/**
 * The same choice in another profile's numbering: each switched feature keeps its macro
 * (`X86_FEATURE_INDIRECT_THUNK_ITS` is 21*32+10 in 7.2, 21*32+6 in 6.12). Unnamed bits keep their
 * number; a named feature the target profile lacks is dropped and returned in `dropped`.
 */
export function translateChoice(
  choice: FeatureChoice,
  from: KernelVersion,
  to: KernelVersion,
): { choice: FeatureChoice; dropped: string[] } {
  const source = getCatalogue(from);
  const target = getCatalogue(to);
  const dropped: string[] = [];
  const move = (list: readonly number[]) =>
    list.flatMap((i) => {
      const f = source.byIndex.get(i);
      if (!f) return [i];
      const there = target.byMacro.get(f.macro);
      if (there) return [there.index as number];
      dropped.push(f.macro);
      return [];
    });
  return { choice: { on: move(choice.on), off: move(choice.off) }, dropped };
}
