import type { PassContext } from './types';

/**
 * The thunk `x86_return_thunk` points to after `cpu_select_mitigations()`: a user choice
 * (`retbleed=`, `spectre_v2=`, `--return-thunk`) when given, else the kernel's default for the
 * features the mitigations set (SRSO → `srso_return_thunk`, UNRET → `retbleed_return_thunk`,
 * call-depth tracking → `call_depth_return_thunk`, otherwise `__x86_return_thunk`).
 */
export function chooseReturnThunk(ctx: PassContext): string {
  if (ctx.options.returnThunk) return ctx.options.returnThunk;
  if (ctx.has('SRSO') && ctx.symbol('srso_return_thunk') !== undefined) return 'srso_return_thunk';
  if (ctx.has('UNRET') && ctx.symbol('retbleed_return_thunk') !== undefined) {
    return 'retbleed_return_thunk';
  }
  if (ctx.has('CALL_DEPTH') && ctx.symbol('call_depth_return_thunk') !== undefined) {
    return 'call_depth_return_thunk';
  }
  return '__x86_return_thunk';
}

/**
 * `cpu_wants_rethunk_at()`: with `X86_FEATURE_RETHUNK`, returns go through the thunk — except,
 * for the ITS thunk, in the upper half of a cache line (bit 5 of the address set).
 */
export function wantsRethunkAt(ctx: PassContext, thunk: string, addr: bigint): boolean {
  if (!ctx.has('RETHUNK')) return false;
  if (thunk !== 'its_return_thunk') return true;
  return (addr & 0x20n) === 0n;
}
