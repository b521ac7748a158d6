/**
 * Which preset the features now match, derived (never stored): the preset select shows the
 * applied CPU, and "custom" once the user toggles away from every preset.
 */
import { CPU_PRESET_NAMES, getCpuPreset, X86_FEATURE_ALWAYS } from '../core/features';
import type { CpuPresetName } from '../core/features';
import type { AltTable, KernelVersion } from '../core/model';
import type { FeatureChoice } from './features';

export type AppliedPreset = 'scenario' | 'none' | 'referenced' | CpuPresetName | 'custom';

function sameSet(effective: ReadonlySet<number>, wanted: Iterable<number>): boolean {
  const want = new Set(wanted);
  want.add(X86_FEATURE_ALWAYS);
  if (want.size !== effective.size) return false;
  for (const f of want) if (!effective.has(f)) return false;
  return true;
}

/** The first preset, in the select's order, whose features are exactly `effective`. */
export function findAppliedPreset(
  choice: FeatureChoice,
  effective: ReadonlySet<number>,
  table: AltTable | null,
  kernel: KernelVersion,
): AppliedPreset {
  // A scenario that declares no feature: its own set is none, and "none" says more.
  if (sameSet(effective, [])) return 'none';
  if (choice.on.length === 0 && choice.off.length === 0) return 'scenario';
  const referenced = (table?.sites ?? []).flatMap((s) => s.entries.map((e) => e.cpuid as number));
  if (sameSet(effective, referenced)) return 'referenced';
  return CPU_PRESET_NAMES.find((n) => sameSet(effective, getCpuPreset(kernel, n))) ?? 'custom';
}
