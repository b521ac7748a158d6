import { isNop612, isNop72 } from '../patch/isNop';
import type { PassName, PassStyle } from './types';

/** A generation's boot: the passes in the kernel's order and how they write. */
export interface PassPlan {
  passes: readonly PassName[];
  style: PassStyle;
}

/**
 * Boot order: `setup_arch()` runs `jump_label_init()` and `static_call_init()`, `start_kernel()`
 * then `ftrace_init()`, and `arch_cpu_finalize_init()` → `alternative_instructions()` runs the
 * alternative.c passes in the order its source lists them, then `runtime_const_init()`.
 * Each kernel profile carries one of these plans (`KernelProfile.plan`).
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

/** 6.1: paravirt first; no FineIBT/call-thunk passes; SMP locks last. */
export const PLAN_61: PassPlan = {
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
};
export const PLAN_612: PassPlan = {
  passes: [...EARLY, ...ALT_72, 'smp-locks', 'runtime-consts'],
  style: style6,
};
export const PLAN_72: PassPlan = { ...PLAN_612, style: style7 };
/** 7.3 removed the SMP-lock (UP) patching. */
export const PLAN_73: PassPlan = {
  ...PLAN_72,
  passes: PLAN_72.passes.filter((p) => p !== 'smp-locks'),
};
