import type { AltTable, KernelVersion, PatchLoop } from '../model';
import type { InsnDecoder } from '../ports';
import { X86_FEATURE_ALWAYS, getCatalogue } from '../features/catalogue';
import { getProfile, type KernelProfile } from '../profiles';
import type { KernelMemory } from './memory';
import { memoryOf } from './memory';
import type { SimulateOptions } from './report';

/** Everything one site's patching needs; build once per table with `createPatchContext`. */
export interface PatchContext {
  kernel: KernelVersion;
  loop: PatchLoop;
  /** Bit `i` of `x86_capability[]` (ALWAYS included). */
  has(index: number): boolean;
  decoder: InsnDecoder;
  memory: KernelMemory;
  /** The kernel's rules (NOPs, relocation, log format), independent of the loop. */
  profile: KernelProfile;
  /** `(NCAPINTS + NBUGINTS) * 32`. */
  maxIndexExclusive: number;
}

export function createPatchContext(
  table: AltTable,
  opts: SimulateOptions,
  decoder: InsnDecoder,
): PatchContext {
  const bits = new Set<number>(opts.features);
  bits.add(X86_FEATURE_ALWAYS);
  return {
    kernel: opts.kernel,
    loop: opts.loop,
    has: (i) => bits.has(i),
    decoder,
    memory: memoryOf(table),
    profile: getProfile(opts.kernel),
    maxIndexExclusive: getCatalogue(opts.kernel).maxIndexExclusive,
  };
}
