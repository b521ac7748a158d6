import type { AltEntry, Addr } from '../model';
import { toAddr } from '../model';
import type { DirectCallRewrite } from './report';
import { readS32, readU64, writeS32 } from './bytes';
import type { KernelMemory } from './memory';

export type DirectCallOutcome =
  | { ok: true; sz: number; rewrite: DirectCallRewrite; warning?: string }
  | { ok: false; code: string; message: string };

export const MSG_NON_CALL_REPLACEMENT =
  'ALT_FLAG_DIRECT_CALL set for a non-call replacement instruction';
export const MSG_UNRECOGNIZED_CALL = 'ALT_FLAG_DIRECT_CALL set for unrecognized indirect call';

/**
 * `alt_replace_call()`: the replacement is `call BUG_func`; retarget it to the function the
 * original `call *disp(%rip)` would reach. `current` is what is at `instr` right now — in 6.12's
 * multi-pass an earlier entry may have overwritten it (the ordering bug). `instrlen` is the value
 * the kernel checks: 6.12 the group-maxed one, 7.2 the entry's own. Returns the replacement size
 * to keep: 0 for `nop_func` (the site becomes NOPs), else 5.
 */
export function replaceDirectCall(
  entryIndex: number,
  entry: AltEntry,
  buf: Uint8Array,
  current: Uint8Array,
  instrlen: number,
  memory: KernelMemory,
): DirectCallOutcome {
  if (entry.replacementlen !== 5 || buf[0] !== 0xe8) {
    return {
      ok: false,
      code: 'kernel-bug-direct-call-replacement',
      message: MSG_NON_CALL_REPLACEMENT,
    };
  }
  if (instrlen !== 6 || current[0] !== 0xff || current[1] !== 0x15) {
    return { ok: false, code: 'kernel-bug-direct-call-original', message: MSG_UNRECOGNIZED_CALL };
  }
  // Without a BUG_func symbol, the replacement's own call target is BUG_func by construction.
  const bug = memory.symbol('BUG_func') ?? toAddr(entry.repl + 5n + BigInt(readS32(buf, 1)));
  const slot = toAddr(entry.instr + BigInt(instrlen) + BigInt(readS32(current, 2)));
  const raw = memory.read(slot, 8);
  const pointer = toAddr(raw ? readU64(raw, 0) : 0n);
  const target: Addr = pointer === 0n ? bug : pointer;
  writeS32(buf, 1, (readS32(buf, 1) + Number(BigInt.asIntN(32, target - bug))) | 0);
  const nop = memory.symbol('nop_func');
  const becameNops = nop !== undefined && target === nop;
  const targetName = memory.nameAt(target);
  const rewrite: DirectCallRewrite = { entry: entryIndex, slot, pointer, target, becameNops };
  if (targetName !== undefined) rewrite.targetName = targetName;
  const out: DirectCallOutcome = { ok: true, sz: becameNops ? 0 : 5, rewrite };
  if (!raw)
    out.warning = `pointer slot 0x${slot.toString(16)} is not in the scenario's memory; read as NULL (BUG_func)`;
  return out;
}
