import { KERNEL_72 } from './kernel72';
import { PLAN_73 } from '../passes/order';
import type { KernelProfile } from './types';

/**
 * 7.3: the alternatives code of `arch/x86/kernel/alternative.c` (optimize_nops, relocation,
 * alt_replace_call, analyze/prep/patch_site, apply_alternatives), `nops.h`, `insn.c` and
 * `insn-eval.c` are unchanged from 7.2 (diffed, see docs/profiles.md). What changed: the feature
 * bits (7.3 adds SM2, CCS, RNG2, PHE2, RSA with their _EN bits and DPTI, frees UP and
 * PVUNLOCK), the SMP→UP LOCK-prefix patching is gone (no `.smp_locks`), and re-enabling kCFI
 * also rewrites the caller's `je; ud2` (a CFI-pass change).
 */
export const KERNEL_73: KernelProfile = {
  ...KERNEL_72,
  version: '7.3',
  plan: PLAN_73,
};
