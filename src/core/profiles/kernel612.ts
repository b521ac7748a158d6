import { formatFeatLine } from '../patch/log';
import { ASM_NOP_MAX, optimizeNops } from '../patch/nops';
import { isNop612 } from '../patch/isNop';
import { relocateReplacement } from '../patch/relocate';
import { PLAN_612 } from '../passes/order';
import type { KernelProfile, RelocateEngine } from './types';

/** 6.4+ `apply_relocation()`: the decoder finds every relative field (6.12, 7.2, 7.3). */
export const relocateDecoded: RelocateEngine = (buf, len, e, decoder) =>
  relocateReplacement(buf, len, e.instr, e.repl, e.replacementlen, decoder);

/**
 * 6.12 (also 6.10–6.19): 14-byte entries, nested macros, DIRECT_CALL, decoder relocation,
 * `insn_is_nop()` local to alternative.c, and the multi-pass loop (one write per eligible entry,
 * group-maxed `instrlen`).
 */
export const KERNEL_612: KernelProfile = {
  version: '6.12',
  entrySize: 14,
  entryFields: 'ft-flags-u32',
  macroLayout: 'nested',
  directCall: true,
  asmNopMax: ASM_NOP_MAX,
  optimizeNops: (buf, len, decoder, onRun) => optimizeNops(buf, len, decoder, isNop612, onRun),
  relocationEngine: 'decoder',
  relocate: relocateDecoded,
  defaultLoop: 'multi-pass',
  loops: { 'multi-pass': 'multi-pass', 'single-pass': 'single-pass' },
  formatFeatLine,
  logFormat: 'feat-flags',
  plan: PLAN_612,
};
