/**
 * The core's Assembler port over iced-x86: statements are laid out at `address`, local labels
 * resolved, and jumps to them shortened where they reach (GAS's relaxation), repeating the
 * layout until no instruction changes size.
 */
import type { AsmOptions, AsmResult, Assembler, AsmInsn } from '../../core/ports';
import { codeTable } from './codeTable';
import type { EncodeContext } from './encodeInsn';
import { encodeStatement } from './encodeInsn';
import type { RegFacts, Value } from './match';
import type { Item } from './statements';
import { readItems } from './statements';
import type { Expr } from './syntax';
import { AsmSyntaxError } from './syntax';

type Iced = typeof import('iced-x86');

const MAX_LAYOUT_PASSES = 16;

function regFacts(iced: Iced, registers: ReadonlyMap<string, number>): RegFacts {
  const R = iced.RegisterExt;
  const cache = new Map<string, string | undefined>();
  const classify = (r: number): string | undefined => {
    if (R.isGPR8(r)) return 'gpr8';
    if (R.isGPR16(r)) return 'gpr16';
    if (R.isGPR32(r)) return 'gpr32';
    if (R.isGPR64(r)) return 'gpr64';
    if (R.isSegmentRegister(r)) return 'seg';
    if (R.isXMM(r)) return 'xmm';
    if (R.isYMM(r)) return 'ymm';
    if (R.isZMM(r)) return 'zmm';
    if (R.isMM(r)) return 'mm';
    if (R.isK(r)) return 'k';
    if (R.isCR(r)) return 'cr';
    if (R.isDR(r)) return 'dr';
    if (R.isTR(r)) return 'tr';
    if (R.isST(r)) return 'st';
    if (R.isBND(r)) return 'bnd';
    if (R.isTMM(r)) return 'tmm';
    return undefined;
  };
  return {
    cls(name) {
      if (!cache.has(name)) {
        const r = registers.get(name);
        cache.set(name, r === undefined ? undefined : classify(r));
      }
      return cache.get(name);
    },
    id: (name) => registers.get(name === 'st' ? 'st0' : name)!,
  };
}

/** Where each label points, given instruction sizes (labels sit before item `i`). */
function labelAddrs(items: Item[], sizes: number[], base: bigint): bigint[] {
  const at: bigint[] = [];
  let addr = base;
  items.forEach((it, i) => {
    at.push(addr);
    if (it.kind === 'insn') addr += BigInt(sizes[i]!);
  });
  at.push(addr);
  return at;
}

function resolver(
  items: Item[],
  at: bigint[],
  here: number,
  symbols: ReadonlyMap<string, bigint> | undefined,
): (e: Expr) => Value {
  return (e) => {
    if (e.label) {
      const { name, dir } = e.label;
      const range = dir === 'f' ? items.keys() : [...items.keys()].reverse();
      for (const i of range) {
        const it = items[i]!;
        if (dir === 'f' ? i <= here : i > here) continue;
        if (it.kind === 'label' && it.name === name)
          return { value: BigInt.asUintN(64, at[i]! + e.offset), from: 'label' };
      }
      throw new AsmSyntaxError(
        e.column,
        `no label '${name}:' ${dir === 'f' ? 'after' : 'before'} this line`,
      );
    }
    if (e.sym !== undefined) {
      const named = items.findIndex((it) => it.kind === 'label' && it.name === e.sym);
      if (named >= 0) return { value: BigInt.asUintN(64, at[named]! + e.offset), from: 'label' };
      const v = symbols?.get(e.sym);
      if (v === undefined) throw new AsmSyntaxError(e.column, `unknown symbol '${e.sym}'`);
      return { value: BigInt.asUintN(64, v + e.offset), from: 'symbol' };
    }
    return { value: e.offset, from: 'number' };
  };
}

export function makeIcedAssembler(iced: Iced): Assembler {
  return {
    assemble(text: string, address: bigint, options: AsmOptions = {}): AsmResult {
      const syntax = options.syntax ?? 'att';
      const table = codeTable(iced);
      const regs = regFacts(iced, table.registers);
      const isReg = (n: string): boolean => regs.cls(n) !== undefined || n === 'rip';
      let line = 1;
      try {
        const items = readItems(text, syntax, isReg);
        let sizes = items.map(() => 0);
        let out: Uint8Array[] = [];
        for (let pass = 0; pass < MAX_LAYOUT_PASSES; pass++) {
          const at = labelAddrs(items, sizes, address);
          out = [];
          const next = items.map((it, i) => {
            if (it.kind !== 'insn') return 0;
            line = it.line;
            const ctx: EncodeContext = {
              iced,
              table,
              regs,
              syntax,
              resolve: resolver(items, at, i, options.symbols),
            };
            const bytes = encodeStatement(ctx, it.stmt, BigInt.asUintN(64, at[i]!));
            out.push(bytes);
            return bytes.length;
          });
          const stable = next.every((s, i) => s === sizes[i]);
          sizes = next;
          if (stable) return finish(items, sizes, out);
        }
        return { ok: false, error: { line: 1, column: 1, message: 'jump sizes do not settle' } };
      } catch (e) {
        if (!(e instanceof AsmSyntaxError)) throw e;
        const l = (e as AsmSyntaxError & { line?: number }).line ?? line;
        return { ok: false, error: { line: l, column: e.column, message: e.message } };
      }
    },
  };
}

function finish(items: Item[], sizes: number[], parts: Uint8Array[]): AsmResult {
  const bytes = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
  const insns: AsmInsn[] = [];
  let off = 0;
  let p = 0;
  items.forEach((it, i) => {
    if (it.kind !== 'insn') return;
    bytes.set(parts[p++]!, off);
    insns.push({ offset: off, length: sizes[i]!, line: it.line });
    off += sizes[i]!;
  });
  return { ok: true, bytes, insns };
}
