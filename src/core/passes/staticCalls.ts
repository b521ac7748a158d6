import type { Addr } from '../model';
import { readU64 } from '../patch/bytes';
import { X86_NOPS } from '../patch/nops';
import { CALL_INSN_OPCODE, genRel32, JMP32_INSN_OPCODE, kept, poke, RET_INSN_OPCODE } from './poke';
import { preemptDynamicFuncs } from './preemptDynamic';
import { chooseReturnThunk, wantsRethunkAt } from './returnThunk';
import type { PassContext, PassRecord } from './types';

/** `xor5rax`: `xor %eax,%eax` behind three `cs` prefixes, for `__static_call_return0`. */
const XOR5RAX = Uint8Array.of(0x2e, 0x2e, 0x2e, 0x31, 0xc0);
/** `warninsn`: the `ud1` a call to `__WARN_trap` becomes (7.x). */
const WARNINSN = Uint8Array.of(0x67, 0x48, 0x0f, 0xb9, 0x3a);
const RETINSN = Uint8Array.of(RET_INSN_OPCODE, 0xcc, 0xcc, 0xcc, 0xcc);
const NOP5 = Uint8Array.from(X86_NOPS[5] as number[]);

/**
 * `static_call_init()`: every inline static-call site (`.static_call_sites`) is rewritten for the
 * function its key holds (`key->func`, read from the image): a direct `call`/`jmp`, `xor %eax,%eax`
 * for `__static_call_return0`, a 5-byte NOP (call) or `ret` (tail call) for NULL, and the `jcc`
 * form for conditional tail calls. Equal bytes are not rewritten. The scheduler's calls take the
 * function `preempt_dynamic_init()` sets for the preemption mode (a later `static_call_update`).
 */
export function applyStaticCalls(ctx: PassContext): PassRecord[] {
  const out: PassRecord[] = [];
  const thunkName = chooseReturnThunk(ctx);
  const return0 = ctx.symbol('__static_call_return0');
  const warnTrap = ctx.symbol('__WARN_trap');
  const updated = preemptDynamicFuncs(ctx);
  for (const site of ctx.tables.staticCallSites) {
    const ptr = ctx.image.read(site.key, 8);
    const cur = ctx.image.read(site.addr, 6);
    if (!ptr || !cur) continue;
    const func = updated.get(site.key)?.func ?? readU64(ptr, 0);
    const name = `static call ${site.tail ? 'tail ' : ''}→ ${func === 0n ? 'NULL' : hex(func)}`;
    const jcc = site.tail && cur[0] === 0x0f && ((cur[1] as number) & 0xf0) === 0x80;
    let code: Uint8Array;
    if (jcc) code = jccForm(ctx, site.addr, cur[1] as number, func, thunkName);
    else if (!site.tail && func === 0n) code = NOP5;
    else if (!site.tail) {
      code = genRel32(CALL_INSN_OPCODE, site.addr, func);
      if (func === return0) code = XOR5RAX;
      if (warnTrap !== undefined && func === warnTrap) code = WARNINSN;
    } else if (func !== 0n) code = genRel32(JMP32_INSN_OPCODE, site.addr, func);
    else code = retForm(ctx, site.addr, thunkName);
    const now = cur.subarray(0, code.length);
    if (now.every((b, i) => b === code[i])) {
      out.push(kept(ctx.image, 'static-calls', site.addr, code.length, name));
    } else out.push(poke(ctx.image, 'static-calls', site.addr, code, name));
  }
  for (const { call, func } of updated.values()) {
    out.push(...updateTrampoline(ctx, call, func, thunkName));
  }
  return out;
}

/**
 * `static_call_update()` also rewrites the key's out-of-line trampoline `__SCT__<name>`
: `jmp func`, or the RET form for NULL.
 */
function updateTrampoline(ctx: PassContext, name: string, func: bigint, thunkName: string) {
  const tramp = ctx.symbol(`__SCT__${name}`);
  const cur = tramp === undefined ? undefined : ctx.image.read(tramp, 8);
  if (tramp === undefined || !cur || cur[5] !== 0x0f || cur[6] !== 0xb9 || cur[7] !== 0xcc) {
    return [];
  }
  const code =
    func === 0n ? retForm(ctx, tramp, thunkName) : genRel32(JMP32_INSN_OPCODE, tramp, func);
  if (cur.subarray(0, 5).every((b, i) => b === code[i])) return [];
  return [poke(ctx.image, 'static-calls', tramp, code, `trampoline ${name} → ${hex(func)}`)];
}

/** The RET form: a jump to the return thunk, or `ret; int3…`. */
function retForm(ctx: PassContext, addr: Addr, thunkName: string): Uint8Array {
  const thunk = ctx.symbol(thunkName);
  return wantsRethunkAt(ctx, thunkName, addr) && thunk !== undefined
    ? genRel32(JMP32_INSN_OPCODE, addr, thunk)
    : RETINSN;
}

/** `0f 8x rel32` to `func`, or for NULL to `__static_call_return` (or the return thunk). */
function jccForm(ctx: PassContext, addr: Addr, op: number, func: bigint, thunkName: string) {
  let target = func;
  if (target === 0n) {
    const thunk = ctx.has('RETHUNK') ? ctx.symbol(thunkName) : undefined;
    target = thunk ?? ctx.symbol('__static_call_return') ?? 0n;
  }
  const code = new Uint8Array(6);
  code[0] = 0x0f;
  code.set(genRel32(op, (addr + 1n) as Addr, target), 1);
  return code;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
