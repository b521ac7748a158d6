import type { FeatureIndex, KernelVersion } from '../../model';
import { parseFeature } from '../parse';
import type { CpuPresetName } from './cpuPresets';
import { CPU_PRESETS } from './cpuPresets';

export { CPU_PRESET_NAMES, CPU_PRESETS } from './cpuPresets';
export type { CpuPresetName } from './cpuPresets';

/** A preset's features as indices (every item is a valid `W*32+B`, checked by the tests). */
export function getCpuPreset(kernel: KernelVersion, cpu: CpuPresetName): FeatureIndex[] {
  const out: FeatureIndex[] = [];
  for (const spec of CPU_PRESETS[kernel][cpu]) {
    const r = parseFeature(spec, kernel);
    if (r.ok) out.push(r.index);
  }
  return out;
}
