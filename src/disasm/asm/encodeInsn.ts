/**
 * One statement → bytes with iced's Encoder: find every iced `Code` of the mnemonic whose
 * operand kinds fit, build the Instruction with `Instruction.create*`, encode each at the
 * address, keep the shortest (GAS's choice: `83 /0 ib` over `81 /0 id`, `eb` over `e9` when a
 * local label is near). Every wasm object made here is freed here.
 */
import type { AsmSyntax } from '../../core/ports';
import type { CodeForm, CodeTable } from './codeTable';
import type { Arg, MemSpec, RegFacts, Value } from './match';
import { fitOperand } from './match';
import { lookupMnemonic } from './mnemonics';
import type { MnemonicLookup } from './mnemonics';
import type { Expr, Operand, Statement } from './syntax';
import { AsmSyntaxError } from './syntax';

type Iced = typeof import('iced-x86');
type Instr = InstanceType<Iced['Instruction']>;

const STRING_OPS = /^(movs|cmps|lods|outs|stos|scas|ins)([bwdq])$/;
const STRING_SIZE: Record<string, string> = { al: 'b', ax: 'w', eax: 'd', rax: 'q' };

/**
 * Spellings GAS reads differently from iced's table: `stos %al,(%rdi)` takes its size from the
 * register; `mov %ax,%gs` is encoded without `0x66` (the 32-bit form moves the same 16 bits).
 */
function normalize(stmt: Statement, regs: RegFacts): Statement {
  const m = stmt.mnemonic;
  if (/^(movs|cmps|lods|outs|stos|scas|ins)$/.test(m)) {
    const r = stmt.operands.find((o) => o.kind === 'reg' && STRING_SIZE[o.reg] !== undefined);
    if (r && r.kind === 'reg') return { ...stmt, mnemonic: m + STRING_SIZE[r.reg]!, operands: [] };
  }
  if (m === 'mov' || m === 'movw' || m === 'movl') {
    const seg = stmt.operands.some((o) => o.kind === 'reg' && regs.cls(o.reg) === 'seg');
    if (seg)
      return {
        ...stmt,
        mnemonic: 'mov',
        operands: stmt.operands.map((o) =>
          o.kind === 'reg' && regs.cls(o.reg) === 'gpr16' ? { ...o, reg: 'e' + o.reg } : o,
        ),
      };
  }
  return stmt;
}

interface Choice {
  form: CodeForm;
  args: Arg[];
}

/** The size a form gives its sized operand: its memory size, else its operand size. */
const sizeOf = (c: Choice): number =>
  c.args.some((a) => a.t === 'mem') && c.form.memSize > 0 ? c.form.memSize : c.form.operandSize / 8;

function fitsLookup(c: Choice, look: MnemonicLookup, ops: Operand[]): boolean {
  const hasMem = c.args.some((a) => a.t === 'mem');
  const ptr = ops.find((o) => o.kind === 'mem' && o.size !== undefined);
  if (ptr && ptr.kind === 'mem' && c.form.memSize > 0 && ptr.size !== c.form.memSize) return false;
  if (look.srcSize !== undefined) {
    if (hasMem && c.form.memSize !== look.srcSize) return false;
    return look.size === undefined || c.form.operandSize === look.size * 8;
  }
  if (look.size === undefined) return true;
  const s = sizeOf(c);
  return s === 0 || s === look.size;
}

/** Without a suffix, GAS sizes `push`/`call *mem` as 64-bit and others as 32-bit; else asks. */
function resolveSize(choices: Choice[], sized: boolean, column: number, intel: boolean): Choice[] {
  if (sized || new Set(choices.map(sizeOf)).size <= 1) return choices;
  const d64 = choices.filter((c) => c.form.default64);
  if (d64.length) return d64;
  if (!choices.some((c) => c.args.some((a) => a.t === 'mem'))) {
    const d32 = choices.filter((c) => sizeOf(c) === 4);
    if (d32.length) return d32;
  }
  throw new AsmSyntaxError(
    column,
    intel
      ? `operand size is ambiguous: write byte, word, dword or qword ptr`
      : `operand size is ambiguous: add a size suffix (b, w, l or q)`,
  );
}

function memOperand(iced: Iced, regs: RegFacts, m: MemSpec, target: bigint) {
  const reg = (n: string | undefined) => (n === undefined ? iced.Register.None : regs.id(n));
  const absolute = m.base === undefined;
  const displSize = absolute ? 8 : m.hasDisp ? 1 : 0;
  return iced.MemoryOperand.new64(
    reg(m.base),
    reg(m.index),
    m.scale,
    target,
    displSize,
    false,
    reg(m.seg),
  );
}

function create(iced: Iced, regs: RegFacts, c: Choice, mnemonic: string, ripTarget: bigint): Instr {
  const I = iced.Instruction as unknown as Record<string, (...a: unknown[]) => Instr>;
  const str = STRING_OPS.exec(mnemonic);
  if (str) {
    const name = `create${mnemonic[0]!.toUpperCase()}${mnemonic.slice(1)}`;
    const seg = /^(stos|scas|ins)$/.test(str[1]!) ? [] : [iced.Register.None];
    return I[name]!(64, ...seg, iced.RepPrefixKind.None);
  }
  const branch = c.args.find((a) => a.t === 'branch');
  if (branch) return iced.Instruction.createBranch(c.form.code, branch.target);
  const parts: string[] = [];
  const values: unknown[] = [c.form.code];
  const mems: { free(): void }[] = [];
  for (const a of c.args) {
    if (a.t === 'reg') {
      parts.push('Reg');
      values.push(a.reg);
    } else if (a.t === 'mem') {
      parts.push('Mem');
      const target = a.mem.base === 'rip' ? (a.mem.ripDisp ? ripTarget : a.mem.disp) : a.mem.disp;
      const mo = memOperand(iced, regs, a.mem, BigInt.asUintN(64, target));
      mems.push(mo);
      values.push(mo);
    } else if (a.t === 'imm') {
      parts.push(a.api);
      values.push(a.api === 'U64' ? a.value : Number(a.value));
    }
  }
  const fn = I[`create${parts.join('')}`];
  if (!fn) {
    for (const m of mems) m.free();
    throw new Error(`iced has no Instruction.create${parts.join('')}`);
  }
  // A MemoryOperand passed by value is moved into wasm: create* frees it.
  return fn(...values);
}

function applyPrefixes(iced: Iced, regs: RegFacts, insn: Instr, prefixes: string[]): void {
  for (const p of prefixes) {
    if (p === 'lock') insn.hasLockPrefix = true;
    else if (p === 'rep' || p === 'repe' || p === 'repz') insn.hasRepePrefix = true;
    else if (p === 'repne' || p === 'repnz') insn.hasRepnePrefix = true;
    else if (p === 'notrack') insn.segmentPrefix = iced.Register.DS;
    else insn.segmentPrefix = regs.id(p);
  }
}

function encodeChoice(
  iced: Iced,
  regs: RegFacts,
  c: Choice,
  mnemonic: string,
  prefixes: string[],
  ip: bigint,
): Uint8Array | undefined {
  const rip = c.args.find((a): a is Extract<Arg, { t: 'mem' }> => a.t === 'mem' && a.mem.ripDisp);
  const once = (ripTarget: bigint): Uint8Array | undefined => {
    let insn: Instr | undefined;
    const enc = new iced.Encoder(64);
    try {
      insn = create(iced, regs, c, mnemonic, ripTarget);
      applyPrefixes(iced, regs, insn, prefixes);
      enc.encode(insn, ip);
      return enc.takeBuffer();
    } catch {
      return undefined; // this form cannot encode these operands (range, register, prefix)
    } finally {
      insn?.free();
      enc.free();
    }
  };
  if (!rip) return once(0n);
  // A numeric `N(%rip)` is relative to the end of the instruction, whose length iced decides.
  const first = once(ip + rip.mem.disp);
  return first && once(ip + BigInt(first.length) + rip.mem.disp);
}

export interface EncodeContext {
  iced: Iced;
  table: CodeTable;
  regs: RegFacts;
  syntax: AsmSyntax;
  resolve(e: Expr): Value;
}

function exprOf(op: Operand): Expr | undefined {
  return op.kind === 'reg' ? undefined : op.kind === 'mem' ? op.disp : op.expr;
}

/** Bytes for one statement at `ip`; throws AsmSyntaxError saying what did not fit. */
export function encodeStatement(ctx: EncodeContext, written: Statement, ip: bigint): Uint8Array {
  const { iced, table, regs, syntax } = ctx;
  const stmt = normalize(written, regs);
  const intel = syntax === 'intel';
  const ops = intel ? stmt.operands : [...stmt.operands].reverse();
  const values = ops.map((o) => {
    const e = exprOf(o);
    return e && ctx.resolve(e);
  });
  const lookups = lookupMnemonic(stmt.mnemonic, syntax, (m) => table.forms(m) !== undefined);
  if (lookups.length === 0)
    throw new AsmSyntaxError(stmt.column, `unknown instruction '${stmt.mnemonic}'`);
  let sawCount = false;
  for (const look of lookups) {
    const forms = table.forms(look.mnemonic)!;
    const branchy = forms.some((f) => f.kinds.some((k) => /^br64_/.test(k)));
    const stringOp = STRING_OPS.test(look.mnemonic);
    let choices: Choice[] = [];
    for (const form of forms) {
      // String instructions' operands are implied by the opcode; GAS accepts them or not.
      const implicitOnly = stringOp && ops.every((o) => o.kind === 'mem' || o.kind === 'reg');
      if (form.kinds.length !== ops.length && !implicitOnly) continue;
      sawCount = true;
      if (implicitOnly) {
        choices.push({ form, args: [] });
        continue;
      }
      const args: Arg[] = [];
      for (let i = 0; i < ops.length; i++) {
        const fit = fitOperand(form.kinds[i]!, ops[i]!, {
          regs,
          value: values[i],
          branchy,
          movabs: look.movabs === true,
          intel,
        });
        if (!fit) break;
        args.push(fit);
      }
      if (args.length === ops.length) choices.push({ form, args });
    }
    choices = choices.filter((c) => fitsLookup(c, look, ops));
    if (choices.length === 0) continue;
    const sized =
      look.size !== undefined || ops.some((o) => o.kind === 'mem' && o.size !== undefined);
    if (stringOp) choices = choices.slice(0, 1);
    else choices = resolveSize(choices, sized, stmt.column, intel);
    let best: { bytes: Uint8Array; enc: number } | undefined;
    for (const c of choices) {
      const bytes = encodeChoice(iced, regs, c, look.mnemonic, stmt.prefixes, ip);
      if (
        bytes &&
        (!best ||
          bytes.length < best.bytes.length ||
          (bytes.length === best.bytes.length && c.form.encoding < best.enc))
      )
        best = { bytes, enc: c.form.encoding };
    }
    if (best) return best.bytes;
    throw new AsmSyntaxError(
      stmt.column,
      `'${stmt.mnemonic}' cannot encode these operands (out of range?)`,
    );
  }
  throw new AsmSyntaxError(
    stmt.column,
    sawCount
      ? `'${stmt.mnemonic}' does not take these operands`
      : `'${stmt.mnemonic}' does not take ${ops.length} operand${ops.length === 1 ? '' : 's'}`,
  );
}
