import { fixupCallAndJump } from '../patch/fixups61';
import { formatFeatLine61 } from '../patch/log';
import { ASM_NOP_MAX_61, optimizeNops61 } from '../patch/nops61';
import { PLAN_61 } from '../passes/order';
import type { KernelProfile } from './types';

/**
 * 6.1 (5.13–6.2 rules; Debian 12's 6.1.192): 12-byte entries with `u16 cpuid` (bit 15 = NOT),
 * flat ALTERNATIVE_2/3, no DIRECT_CALL; every eligible entry is written in place in table order
 * with only the CALL fix and `recompute_jump()`; NOPs optimised on the live text after every
 * entry. The paravirt pass (`.parainstructions`) runs before the alternatives.
 */
export const KERNEL_61: KernelProfile = {
  version: '6.1',
  entrySize: 12,
  entryFields: 'cpuid-u16',
  macroLayout: 'flat',
  directCall: false,
  asmNopMax: ASM_NOP_MAX_61,
  optimizeNops: optimizeNops61,
  relocationEngine: 'recompute-jump',
  relocate: (buf, _len, e) => fixupCallAndJump(buf, e),
  defaultLoop: 'multi-pass',
  loops: { 'multi-pass': 'in-place', 'single-pass': 'single-pass' },
  formatFeatLine: formatFeatLine61,
  logFormat: 'feat-not-mark',
  plan: PLAN_61,
};
