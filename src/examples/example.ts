import type { KernelVersion, PatchLoop } from '../core/model';

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
}

/** Each kernel with its own loop: what the two kernels really do. */
export const NATIVE_RUNS: Example['runs'] = [
  { kernel: '6.12', engine: 'multi-pass' },
  { kernel: '7.2', engine: 'single-pass' },
];
