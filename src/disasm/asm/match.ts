/**
 * Does a parsed operand fit an iced operand kind (`r64_or_mem`, `imm8sex32`, `br64_4`…), and
 * with which value? Pure over the facts `RegFacts` gives about registers.
 */
import type { Operand } from './syntax';

/** What the encoder needs for one operand. */
export type Arg =
  | { t: 'reg'; reg: number }
  | { t: 'mem'; mem: MemSpec }
  | { t: 'imm'; api: 'I32' | 'U32' | 'U64'; value: bigint }
  | { t: 'branch'; target: bigint }
  /** `(%rsi)`/`%es:(%rdi)` of a string instruction: implied by the opcode. */
  | { t: 'implicit' };

export interface MemSpec {
  base: string | undefined;
  index: string | undefined;
  scale: number;
  /** Absolute target for `sym(%rip)`; the displacement otherwise. */
  disp: bigint;
  /** A displacement was written (kept even when 0, as objdump's `0x0(%rax)` says). */
  hasDisp: boolean;
  seg: string | undefined;
  /** `N(%rip)` with a number: N is the displacement from the next instruction. */
  ripDisp: boolean;
}

export interface RegFacts {
  /** `gpr8`, `gpr16`, `gpr32`, `gpr64`, `seg`, `cr`, `dr`, `xmm`, `ymm`, `zmm`, `mm`, `k`, `st`… */
  cls(name: string): string | undefined;
  id(name: string): number;
}

/** A resolved expression: its value, and whether it came from a symbol or a local label. */
export interface Value {
  value: bigint;
  from: 'number' | 'symbol' | 'label';
}

const M64 = (1n << 64n) - 1n;
const sext = (v: bigint, bits: number): bigint => BigInt.asIntN(bits, v);

/** Register class each register operand kind wants; fixed registers by name. */
const REG_KIND: [RegExp, string][] = [
  [/^r8_/, 'gpr8'],
  [/^r16_/, 'gpr16'],
  [/^r32_/, 'gpr32'],
  [/^r64_/, 'gpr64'],
  [/^xmm/, 'xmm'],
  [/^ymm/, 'ymm'],
  [/^zmm/, 'zmm'],
  [/^mm_/, 'mm'],
  [/^k_|^kp1/, 'k'],
  [/^seg_reg$/, 'seg'],
  [/^cr_reg$/, 'cr'],
  [/^dr_reg$/, 'dr'],
  [/^tr_reg$/, 'tr'],
  [/^bnd_/, 'bnd'],
  [/^tmm_/, 'tmm'],
  [/^sti_opcode$/, 'st'],
];
const FIXED_REGS = new Set([
  'al',
  'cl',
  'ax',
  'dx',
  'eax',
  'rax',
  'es',
  'cs',
  'ss',
  'ds',
  'fs',
  'gs',
]);

/** An immediate of `bits` written as either a signed or an unsigned number of that width. */
const fitsWidth = (v: bigint, bits: number): boolean =>
  v >= -(1n << BigInt(bits - 1)) && v < 1n << BigInt(bits);

function fitImm(kind: string, v: bigint): Arg | undefined {
  const sx = /^imm(8|32)sex(16|32|64)$/.exec(kind);
  if (sx) {
    const [from, to] = [Number(sx[1]), Number(sx[2])];
    if (!fitsWidth(v, to)) return undefined;
    const s = sext(v, to);
    if (sext(s, from) !== s) return undefined;
    return { t: 'imm', api: 'I32', value: s };
  }
  if (kind === 'imm8_const_1') return v === 1n ? { t: 'imm', api: 'U32', value: 1n } : undefined;
  const plain = /^imm(8|16|32|64)$/.exec(kind);
  if (!plain) return undefined;
  const bits = Number(plain[1]);
  if (!fitsWidth(v, bits)) return undefined;
  return { t: 'imm', api: bits === 64 ? 'U64' : 'U32', value: BigInt.asUintN(bits, v) & M64 };
}

function memSpec(op: Extract<Operand, { kind: 'mem' }>, disp: Value | undefined): MemSpec {
  const rip = op.base === 'rip';
  return {
    base: op.base,
    index: op.index,
    scale: op.scale,
    disp: disp?.value ?? 0n,
    hasDisp: op.disp !== undefined,
    seg: op.seg,
    ripDisp: rip && (disp === undefined || disp.from === 'number'),
  };
}

export interface FitContext {
  regs: RegFacts;
  /** Resolved value of the operand's expression (displacement, immediate or target). */
  value: Value | undefined;
  /** The mnemonic has relative-branch forms: a bare expression is a target, not memory. */
  branchy: boolean;
  movabs: boolean;
  intel: boolean;
}

/** The Arg an operand gives for an iced operand kind, or undefined when it does not fit. */
export function fitOperand(kind: string, op: Operand, ctx: FitContext): Arg | undefined {
  if (kind === 'seg_rSI' || kind === 'es_rDI' || kind === 'seg_rDI')
    return op.kind === 'mem' && (op.base === 'rsi' || op.base === 'rdi') && !op.index
      ? { t: 'implicit' }
      : undefined;
  if (op.kind === 'reg') {
    if (op.star && !ctx.branchy) return undefined;
    if (FIXED_REGS.has(kind))
      return op.reg === kind ? { t: 'reg', reg: ctx.regs.id(op.reg) } : undefined;
    if (kind === 'st0')
      return op.reg === 'st0' || op.reg === 'st'
        ? { t: 'reg', reg: ctx.regs.id('st0') }
        : undefined;
    const want = REG_KIND.find(([re]) => re.test(kind))?.[1];
    return want !== undefined && ctx.regs.cls(op.reg) === want
      ? { t: 'reg', reg: ctx.regs.id(op.reg) }
      : undefined;
  }
  const v = ctx.value;
  if (op.kind === 'imm' || (op.kind === 'expr' && ctx.intel && !/^br/.test(kind))) {
    if (!/^imm/.test(kind) || v === undefined) return undefined;
    return fitImm(kind, v.value);
  }
  if (/^br64_[14]$/.test(kind)) {
    if (op.kind !== 'expr' || op.star || v === undefined) return undefined;
    // GAS cannot shorten a jump to a symbol it does not place: such jumps stay rel32.
    if (kind === 'br64_1' && v.from === 'symbol') return undefined;
    return { t: 'branch', target: v.value };
  }
  const memKind = kind === 'mem' || /_or_mem$|^mem_mpx$|^sibmem$|_or_mem_mpx$/.test(kind);
  const offs = kind === 'mem_offs';
  if (!memKind && !offs) return undefined;
  if (offs !== ctx.movabs) return undefined;
  if (op.kind === 'mem') return { t: 'mem', mem: memSpec(op, v) };
  if (op.kind === 'expr' && (!ctx.branchy || op.star) && v !== undefined)
    return {
      t: 'mem',
      mem: {
        base: undefined,
        index: undefined,
        scale: 1,
        disp: v.value,
        hasDisp: true,
        seg: undefined,
        ripDisp: false,
      },
    };
  return undefined;
}
