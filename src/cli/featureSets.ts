/**
 * Several CPUs at once: each `--features` value, each `--cpuinfo` file and each `--cpu` preset is
 * one feature set. With one set (or none) the commands behave exactly as before.
 */
import type { FeatureIndex, KernelVersion } from '../core/model';
import { CPU_PRESET_NAMES, getCpuPreset, type CpuPresetName } from '../core/features/presets';
import type { ParsedArgs } from './args';
import { readCpu } from './features';
import type { CliIo } from './io';

/** One CPU to simulate: what the user called it and its features. */
export interface FeatureSet {
  label: string;
  features: FeatureIndex[];
}

export interface FeatureSetsRead {
  sets: FeatureSet[];
  errors: string[];
  warnings: string[];
}

/**
 * Several CPUs are asked for when `--features` or `--cpuinfo` is repeated or a `--cpu` preset is
 * named; one `--features` with one `--cpuinfo` stays one merged CPU, as it always was.
 */
export function wantsFeatureSets(args: ParsedArgs): boolean {
  return (
    (args.values.get('features')?.length ?? 0) > 1 ||
    (args.values.get('cpuinfo')?.length ?? 0) > 1 ||
    (args.values.get('cpu')?.length ?? 0) > 0
  );
}

/** Every set, in argument kind order: --features, --cpuinfo, --cpu. */
export async function readFeatureSets(
  io: CliIo,
  args: ParsedArgs,
  kernel: KernelVersion,
): Promise<FeatureSetsRead> {
  const out: FeatureSetsRead = { sets: [], errors: [], warnings: [] };
  const add = async (label: string, features: string[], cpuinfo: string | undefined) => {
    const cpu = await readCpu(io, features, cpuinfo, kernel);
    out.errors.push(...cpu.errors);
    out.warnings.push(...cpu.warnings);
    out.sets.push({ label, features: cpu.features });
  };
  for (const f of args.values.get('features') ?? [])
    await add(f.trim() || '(none)', [f], undefined);
  for (const c of args.values.get('cpuinfo') ?? []) await add(c, [], c);
  for (const name of args.values.get('cpu') ?? []) {
    if (!CPU_PRESET_NAMES.includes(name as CpuPresetName)) {
      out.errors.push(`--cpu must be one of ${CPU_PRESET_NAMES.join(', ')}, not '${name}'`);
      continue;
    }
    out.sets.push({ label: name, features: getCpuPreset(kernel, name as CpuPresetName) });
  }
  return out;
}
