import { formatFeatLine } from '../patch/log';
import { ASM_NOP_MAX, optimizeNops } from '../patch/nops';
import { isNop72 } from '../patch/isNop';
import { relocateDecoded } from './kernel612';
import { PLAN_72 } from '../passes/order';
import type { KernelProfile } from './types';

/**
 * 7.2 (also 7.0–7.1): 6.12's entries, macros and relocation, the unified `insn_is_nop()`, and
 * the single-pass loop (the last eligible entry wins, one write per site). Call thunks now run
 * before the alternatives.
 */
export const KERNEL_72: KernelProfile = {
  version: '7.2',
  entrySize: 14,
  entryFields: 'ft-flags-u32',
  macroLayout: 'nested',
  directCall: true,
  asmNopMax: ASM_NOP_MAX,
  optimizeNops: (buf, len, decoder, onRun) => optimizeNops(buf, len, decoder, isNop72, onRun),
  relocationEngine: 'decoder',
  relocate: relocateDecoded,
  defaultLoop: 'single-pass',
  loops: { 'multi-pass': 'multi-pass', 'single-pass': 'single-pass' },
  formatFeatLine,
  logFormat: 'feat-flags',
  plan: PLAN_72,
};
