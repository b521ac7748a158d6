import type { Addr } from '../model';
import { readU64 } from '../patch/bytes';
import type { PassContext } from './types';

/**
 * Per static call: the function when the mode enables it, and when it disables it. `initial`:
 * the key's value in the image (`DEFINE_STATIC_CALL(f, f_dynamic_enabled)`; x86 points the
 * preempt_schedule calls at its `__preempt_schedule*_thunk`s).
 */
const DYNAMIC: Record<string, [enabled: string, disabled: string | null]> = {
  cond_resched: ['__cond_resched', '__static_call_return0'],
  might_resched: ['__cond_resched', '__static_call_return0'],
  preempt_schedule: ['initial', null],
  preempt_schedule_notrace: ['initial', null],
  irqentry_exit_cond_resched: ['initial', null],
};

/** Which of them each mode enables (`__sched_dynamic_update()`). */
const ENABLED: Record<string, readonly string[]> = {
  none: ['cond_resched'],
  voluntary: ['cond_resched', 'might_resched'],
  full: ['preempt_schedule', 'preempt_schedule_notrace', 'irqentry_exit_cond_resched'],
  lazy: ['preempt_schedule', 'preempt_schedule_notrace', 'irqentry_exit_cond_resched'],
};

/**
 * `preempt_dynamic_init()`: the `static_call_update()`s of the boot's preemption mode, as
 * key address → the call's name and its function address (0n for NULL). Keys the image lacks
 * are left out.
 */
export function preemptDynamicFuncs(ctx: PassContext): Map<bigint, { call: string; func: bigint }> {
  const mode = ctx.options.preempt ?? ctx.style.preempt;
  const out = new Map<bigint, { call: string; func: bigint }>();
  for (const [call, [on, off]] of Object.entries(DYNAMIC)) {
    const key = ctx.symbol(`__SCK__${call}`);
    if (key === undefined) continue;
    const name = ENABLED[mode]?.includes(call) ? on : off;
    const func = name === null ? 0n : name === 'initial' ? readPointer(ctx, key) : ctx.symbol(name);
    if (func !== undefined) out.set(key, { call, func });
  }
  return out;
}

function readPointer(ctx: PassContext, at: bigint): bigint | undefined {
  const b = ctx.image.read(at as Addr, 8);
  return b ? readU64(b, 0) : undefined;
}
