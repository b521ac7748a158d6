import type { Addr } from '../model';
import {
  genRel32,
  INT3_INSN_OPCODE,
  JMP32_INSN_OPCODE,
  kept,
  poke,
  rel32Dest,
  RET_INSN_OPCODE,
} from './poke';
import { chooseReturnThunk, wantsRethunkAt } from './returnThunk';
import type { PassContext, PassRecord } from './types';

/** The `ud1 %esp,%ecx` that follows a static-call trampoline (`tramp_ud`). */
const TRAMP_UD = [0x0f, 0xb9, 0xcc];

/**
 * `apply_returns()`: every `.return_sites` entry is a `jmp __x86_return_thunk` the compiler
 * emitted; it becomes `ret; int3…` or a jump to the chosen thunk. A static-call trampoline
 * (`__static_call_fixup`) instead takes the trampoline's RET form, unlogged.
 */
export function applyReturns(ctx: PassContext): PassRecord[] {
  const out: PassRecord[] = [];
  const thunkName = chooseReturnThunk(ctx);
  const thunk = ctx.symbol(thunkName);
  const plain = ctx.symbol('__x86_return_thunk');
  for (const addr of ctx.tables.returnSites) {
    const insn = ctx.image.read(addr, 5);
    if (!insn) continue;
    // The 3 bytes after it (a trampoline's `ud1`) may lie past the section: then it is no trampoline.
    const after = ctx.image.read((addr + 5n) as Addr, 3);
    const dest = rel32Dest(insn, addr);
    const op = insn[0] as number;
    const isJmp = op === JMP32_INSN_OPCODE;
    if (after && TRAMP_UD.every((b, i) => after[i] === b)) {
      if (op === RET_INSN_OPCODE || (isJmp && dest === plain)) {
        out.push(trampRet(ctx, thunkName, thunk, addr));
      }
      continue;
    }
    if (!isJmp || dest !== plain) {
      out.push(kept(ctx.image, 'returns', addr, 5, 'missing return thunk (the kernel warns)'));
      continue;
    }
    if (wantsRethunkAt(ctx, thunkName, addr) && thunk !== undefined) {
      // 6.x leaves `jmp __x86_return_thunk` in place when it is the chosen thunk (same bytes).
      out.push(
        poke(
          ctx.image,
          'returns',
          addr,
          genRel32(JMP32_INSN_OPCODE, addr, thunk),
          `jmp ${thunkName}`,
        ),
      );
    } else {
      out.push(poke(ctx.image, 'returns', addr, retInt3(5), 'ret; int3'));
    }
  }
  return out;
}

/** `RET` then `int3` up to `len`. */
function retInt3(len: number): Uint8Array {
  const b = new Uint8Array(len).fill(INT3_INSN_OPCODE);
  b[0] = RET_INSN_OPCODE;
  return b;
}

/** `__static_call_transform(tramp, RET, NULL, modinit)`: skipped when the bytes already match. */
function trampRet(
  ctx: PassContext,
  thunkName: string,
  thunk: Addr | undefined,
  addr: Addr,
): PassRecord {
  const code =
    wantsRethunkAt(ctx, thunkName, addr) && thunk !== undefined
      ? genRel32(JMP32_INSN_OPCODE, addr, thunk)
      : retInt3(5);
  return poke(ctx.image, 'returns', addr, code, 'static call trampoline: ret');
}
