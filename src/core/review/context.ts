import type { Addr, AltTable, FeatureIndex, KernelVersion, PatchLoop } from '../model';
import type { Disassembler, InsnDecoder } from '../ports';
import type { PatchReport, SimulateOptions } from '../patch/report';

/** The engine's entry point, passed in so review code runs against any simulator (and fakes). */
export type SimulateFn = (
  table: AltTable,
  opts: SimulateOptions,
  decoder: InsnDecoder,
) => PatchReport;

/** A named address range such as `.altinstr_aux`; `end` is exclusive. */
export interface NamedRange {
  name: string;
  start: Addr;
  end: Addr;
}

/** What review tools need from the layers around them: heavy things are passed in. */
export interface ReviewDeps {
  simulate: SimulateFn;
  decoder: InsnDecoder;
  /** Only for disassembly in timelines and for `cpuid-mismatch`. */
  disassembler?: Disassembler;
  /** Section ranges (e.g. `.altinstr_aux`) for the branch lints. */
  sections?: readonly NamedRange[];
  /** `X86_FEATURE_*` short name of a feature index, e.g. `XSAVEOPT`; falls back to `W*32+B`. */
  featureName?: (index: FeatureIndex) => string | undefined;
}

/** Options naming the run: the table's kernel profile unless overridden. */
export interface RunOptions {
  kernel?: KernelVersion;
  loop?: PatchLoop;
  /** Present features beyond the table's own (`ALWAYS` is implied by the engine). */
  features?: Iterable<number>;
}

/** X86_FEATURE_ALWAYS: 3*32+21 in every supported kernel. */
export const FEATURE_ALWAYS = 3 * 32 + 21;

/** Build the simulator options for one loop on a table. */
export function buildSimulateOptions(
  table: AltTable,
  loop: PatchLoop,
  extra: Iterable<number> = [],
  kernel?: KernelVersion,
): SimulateOptions {
  const features = new Set<number>(table.features.map(Number));
  for (const f of extra) features.add(f);
  features.add(FEATURE_ALWAYS);
  return { kernel: kernel ?? table.kernel, loop, features };
}

/** `W*32+B`, the kernel's own spelling of a feature index. */
export function formatFeatureIndex(index: number): string {
  return `${Math.floor(index / 32)}*32+${index % 32}`;
}

/** A feature's display name: `XSAVEOPT` when known, else `W*32+B`. */
export function describeFeature(deps: Pick<ReviewDeps, 'featureName'>, index: number): string {
  return deps.featureName?.(index as FeatureIndex) ?? formatFeatureIndex(index);
}
