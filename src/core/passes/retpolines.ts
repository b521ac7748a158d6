import type { Addr } from '../model';
import { optimizeNops } from '../patch/nops';
import { CALL_INSN_OPCODE, JMP32_INSN_OPCODE, kept, poke, rel32Dest } from './poke';
import type { PassContext, PassRecord, PassStyle } from './types';

/** `sizeof(retpoline_thunk_t)`: the thunks `__x86_indirect_thunk_<reg>` are 32 bytes apart. */
const RETPOLINE_THUNK_SIZE = 32n;
const REG_NAMES = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const regName = (r: number): string => (r < 8 ? `%r${REG_NAMES[r] as string}` : `%r${r}`);

/**
 * `apply_retpolines()`: each `.retpoline_sites` entry calls or jumps (`jcc`) to
 * `__x86_indirect_thunk_<reg>`. With `spectre_v2=retpoline` (RETPOLINE without LFENCE) the
 * thunk call stays; otherwise it becomes `call/jmp *%reg`, with `lfence` first for
 * RETPOLINE_LFENCE and an inverted short `jcc` around it for conditional jumps.
 */
export function applyRetpolines(ctx: PassContext): PassRecord[] {
  const out: PassRecord[] = [];
  const array = ctx.symbol('__x86_indirect_thunk_array');
  for (const addr of ctx.tables.retpolineSites) {
    const raw = ctx.image.read(addr, 8);
    if (!raw) continue;
    // gcc may put `cs` prefixes before the thunk jump (`2e e9 …`): the length includes them.
    let p = 0;
    while (p < 2 && raw[p] === 0x2e) p++;
    const insn = raw.subarray(p);
    const op0 = insn[0] as number;
    const jcc = op0 === 0x0f && ((insn[1] as number) & 0xf0) === 0x80;
    if (op0 !== CALL_INSN_OPCODE && op0 !== JMP32_INSN_OPCODE && !jcc) continue;
    const len = p + (jcc ? 6 : 5);
    const at = addr + BigInt(p);
    const dest = jcc
      ? rel32Dest(Uint8Array.of(0xe9, ...insn.subarray(2, 6)), at + 1n)
      : rel32Dest(insn, at);
    if (array === undefined || dest === undefined) continue;
    const off = dest - array;
    const reg = Number(off / RETPOLINE_THUNK_SIZE);
    if (off < 0n || off % RETPOLINE_THUNK_SIZE !== 0n || reg > 15) {
      out.push(
        kept(ctx.image, 'retpolines', addr, len, 'not a retpoline thunk (the kernel warns)'),
      );
      continue;
    }
    if (ctx.has('RETPOLINE') && !ctx.has('RETPOLINE_LFENCE')) {
      out.push(kept(ctx.image, 'retpolines', addr, len, 'retpoline kept (spectre_v2=retpoline)'));
      continue;
    }
    const bytes = patchRetpoline(ctx, insn, len, reg);
    optimizeNops(bytes, len, ctx.decoder, ctx.style.isNop);
    const op = jcc || op0 === JMP32_INSN_OPCODE ? 'jmp' : 'call';
    out.push(poke(ctx.image, 'retpolines', addr as Addr, bytes, `${op} *${regName(reg)}`));
  }
  return out;
}

/** `patch_retpoline()` once the thunk is to be replaced: the bytes for `len`. */
function patchRetpoline(ctx: PassContext, insn: Uint8Array, len: number, reg: number) {
  const bytes = new Uint8Array(len).fill(0x90);
  let i = 0;
  let op = insn[0] as number;
  if (op === 0x0f) {
    bytes[i++] = 0x70 + (((insn[1] as number) & 0xf) ^ 1);
    bytes[i++] = len - 2;
    op = JMP32_INSN_OPCODE;
  }
  if (ctx.has('RETPOLINE_LFENCE')) {
    bytes.set([0x0f, 0xae, 0xe8], i);
    i += 3;
  }
  i += emitIndirect(ctx.style, op, reg, bytes, i, len - i);
  // 6.x: objtool's SLS int3 may be missing, so a jump gets one here.
  if (!ctx.style.indirectFillsSpare && op === JMP32_INSN_OPCODE && i < len) bytes[i] = 0xcc;
  return bytes;
}

/** `emit_indirect()`: `[cs…] [41] ff /2|/4 [int3…]`; returns the bytes written. */
function emitIndirect(
  style: PassStyle,
  op: number,
  reg: number,
  bytes: Uint8Array,
  at: number,
  room: number,
): number {
  const spare = room - 2 - (reg >= 8 ? 1 : 0);
  let i = at;
  if (style.indirectFillsSpare && op === CALL_INSN_OPCODE && spare <= 3) {
    for (let k = 0; k < spare; k++) bytes[i++] = 0x2e;
  }
  if (reg >= 8) bytes[i++] = 0x41;
  bytes[i++] = 0xff;
  bytes[i++] = 0xc0 | (op === CALL_INSN_OPCODE ? 0x10 : 0x20) | (reg & 7);
  if (style.indirectFillsSpare && op === JMP32_INSN_OPCODE) {
    for (let k = 0; k < spare; k++) bytes[i++] = 0xcc;
  }
  return i - at;
}
