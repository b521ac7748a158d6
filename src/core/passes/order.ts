import { isNop612, isNop72 } from '../patch/isNop';
import type { PassName, PassStyle } from './types';

/** Kernel generations whose boot passes are modelled. */
export type PassGeneration = '6.1' | '6.12' | '7.2' | '7.3';

/** A generation's boot: the passes in the kernel's order and how they write. */
export interface PassPlan {
  passes: readonly PassName[];
  style: PassStyle;
}

/**
 * Boot order: `setup_arch()` runs `jump_label_init()` and `static_call_init()`, `start_kernel()`
 * then `ftrace_init()`, and `arch_cpu_finalize_init()` → `alternative_instructions()` runs the
 * alternative.c passes in the order its source lists them, then `runtime_const_init()`.
 * A kernel profile takes this data over when it lists its own passes.
 */
const EARLY: readonly PassName[] = ['jump-labels', 'static-calls', 'ftrace'];
const style6: PassStyle = {
  isNop: isNop612,
  indirectFillsSpare: false,
  endbrPoison: Uint8Array.of(0x66, 0x0f, 0x1f, 0x00),
  preempt: 'voluntary',
};
const style7: PassStyle = {
  isNop: isNop72,
  indirectFillsSpare: true,
  endbrPoison: Uint8Array.of(0x0f, 0x1f, 0x40, 0xd6),
  preempt: 'lazy',
};

/** `alternative_instructions()` of 6.2+: FineIBT/kCFI, thunks, alternatives, ENDBR sealing. */
const ALT_72: readonly PassName[] = [
  'cfi',
  'retpolines',
  'returns',
  'call-thunks',
  'alternatives',
  'endbr-seal',
];

export const PASS_PLANS: Readonly<Record<PassGeneration, PassPlan>> = {
  // 6.1: paravirt first; no FineIBT/call-thunk passes; smp locks last.
  '6.1': {
    passes: [
      ...EARLY,
      'paravirt',
      'retpolines',
      'returns',
      'alternatives',
      'endbr-seal',
      'smp-locks',
    ],
    style: style6,
  },
  '6.12': { passes: [...EARLY, ...ALT_72, 'smp-locks', 'runtime-consts'], style: style6 },
  '7.2': { passes: [...EARLY, ...ALT_72, 'smp-locks', 'runtime-consts'], style: style7 },
  // 7.3 removed the SMP-lock (UP) patching.
  '7.3': { passes: [...EARLY, ...ALT_72, 'runtime-consts'], style: style7 },
};
