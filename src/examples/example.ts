import type { KernelVersion, PatchLoop } from '../core/model';
import type { ReviewTab } from '../permalink/shareState';

/** A CPU to run an example on: a name and the features it has (ALWAYS is implied). */
export interface ExampleCpu {
  name: string;
  features: string[];
}

/** A built-in scenario that teaches one rule of the alternatives mechanism. */
export interface Example {
  id: string;
  title: string;
  /** One paragraph for a kernel developer: what the site is and what to look for. */
  description: string;
  /** The scenario in the text format (docs/scenario-format.md). */
  text: string;
  /** CPUs worth comparing; each is a golden case in fixtures/examples/<id>/. */
  cpus: ExampleCpu[];
  /** Kernel profile × patch loop pairs the golden cases cover. */
  runs: { kernel: KernelVersion; engine: PatchLoop }[];
  /**
   * The state the app opens the example in, the one that shows its point: one of `cpus` (so it
   * is a golden case), the patch loop (default: the profile's own) and the review tab.
   */
  opens: { cpu: string; engine?: PatchLoop; tab?: ReviewTab };
}

/** Each kernel with its own loop: what the two kernels really do. */
export const NATIVE_RUNS: Example['runs'] = [
  { kernel: '6.12', engine: 'multi-pass' },
  { kernel: '7.2', engine: 'single-pass' },
];

/** What opening `example` sets: the features of its `opens.cpu`, its loop and review tab. */
export function exampleOpening(example: Example): {
  features: string[];
  engine: PatchLoop | null;
  tab: ReviewTab | null;
} {
  const cpu = example.cpus.find((c) => c.name === example.opens.cpu);
  if (!cpu) throw new Error(`example ${example.id}: opens.cpu ${example.opens.cpu} is not a cpu`);
  return {
    features: cpu.features,
    engine: example.opens.engine ?? null,
    tab: example.opens.tab ?? null,
  };
}
