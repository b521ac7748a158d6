/**
 * Feature choices are kept relative to the scenario: the table's own `features` line plus what
 * the user switched on, minus what the user switched off. Editing the scenario's features line
 * therefore still works after toggling, and a preset is just a pair of sets.
 */
import { X86_FEATURE_ALWAYS } from '../core/features';

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
