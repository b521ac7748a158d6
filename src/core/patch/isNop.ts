import type { DecodedInsn } from '../ports';
import { readSigned } from './bytes';
import { readInsnFacts } from './insnFacts';

/** `insn_is_nop()` as the NOP optimizer of one kernel sees it. */
export type IsNop = (buf: Uint8Array, start: number, insn: DecodedInsn) => boolean;

/**
 * 6.12 (local to alternative.c): opcode `90` unless the first legacy prefix is `f3` (so
 * `41 90` counts), or any `0f 1f`.
 */
export const isNop612: IsNop = (buf, start, insn) => {
  const f = readInsnFacts(buf, start, insn.length);
  if (f.op0 === 0x90) return f.firstPrefix !== 0xf3;
  return f.op0 === 0x0f && f.op1 === 0x1f;
};

/**
 * 7.2 (arch/x86/lib/insn-eval.c, "Unify insn_is_nop()"): no VEX; `90` without REX.B or `f3`;
 * `0f 1f /0`; `mov %r,%r` and `lea 0(%r),%r` at native (REX.W) size; `jmp +0`.
 */
export const isNop72: IsNop = (buf, start, insn) => {
  const f = readInsnFacts(buf, start, insn.length);
  if (f.vex) return false;
  const rexW = (f.rex & 8) !== 0 || (f.rex2 >= 0 && (f.rex2 & 0x08) !== 0);
  const rexR =
    ((f.rex >> 2) & 1) | (f.rex2 >= 0 ? ((f.rex2 >> 2) & 1) | (((f.rex2 >> 6) & 1) << 1) : 0);
  const rexX =
    ((f.rex >> 1) & 1) | (f.rex2 >= 0 ? ((f.rex2 >> 1) & 1) | (((f.rex2 >> 5) & 1) << 1) : 0);
  const rexB = (f.rex & 1) | (f.rex2 >= 0 ? (f.rex2 & 1) | (((f.rex2 >> 4) & 1) << 1) : 0);
  const modrm = f.modrmOffset >= 0 ? (buf[start + f.modrmOffset] as number) : -1;
  const mod = modrm >> 6;
  const reg = ((modrm >> 3) & 7) | (rexR << 3);
  const rm = (modrm & 7) | (rexB << 3);
  switch (f.op0) {
    case 0x90:
      return !f.hasF3 && rexB === 0;
    case 0x0f:
      return f.op1 === 0x1f && modrm >= 0 && ((modrm >> 3) & 7) === 0;
    case 0x89:
      return modrm >= 0 && mod === 3 && rexW && reg === rm;
    case 0x8d:
      return (
        modrm >= 0 &&
        rexW &&
        f.onlyDsPrefixes &&
        isLeaZero(buf, start + f.modrmOffset, mod, reg, rexX, rexB)
      );
    case 0xeb:
    case 0xe9:
      return insn.immSize > 0 && readSigned(buf, start + insn.immOffset, insn.immSize) === 0;
    default:
      return false;
  }
};

/** `lea 0(%base),%reg` with reg == base, no index, mod 1 or 2. */
function isLeaZero(
  buf: Uint8Array,
  modrmAt: number,
  mod: number,
  reg: number,
  rexX: number,
  rexB: number,
): boolean {
  if (mod !== 1 && mod !== 2) return false;
  const modrm = buf[modrmAt] as number;
  let base = modrm & 7;
  let dispAt = modrmAt + 1;
  if (base === 4) {
    const sib = buf[modrmAt + 1] as number;
    if (sib >> 6 !== 0 || ((sib >> 3) & 7) !== 4 || rexX !== 0) return false;
    base = sib & 7;
    dispAt++;
  }
  base |= rexB << 3;
  const disp = readSigned(buf, dispAt, mod === 1 ? 1 : 4);
  return disp === 0 && base === reg;
}
