/**
 * What an assembly statement says, before any encoding: the shapes both syntaxes parse into,
 * the error they throw (caught by `assemble`, never leaving it), and the expression reader.
 */

/** A parse or encode error at a column of the current line (1-based). */
export class AsmSyntaxError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** `sym+0x40`, `1f`, `-8`, `ffffffff81400000`: at most one symbol or local label plus a number. */
export interface Expr {
  sym?: string;
  /** A local label reference: `1f` (next `1:`) or `1b` (previous). */
  label?: { name: string; dir: 'f' | 'b' };
  offset: bigint;
  column: number;
}

export type Operand =
  | { kind: 'reg'; reg: string; column: number; star?: boolean }
  /** AT&T `$…`; Intel never produces it (a bare number is an `expr`). */
  | { kind: 'imm'; expr: Expr; column: number }
  | {
      kind: 'mem';
      seg?: string;
      base?: string;
      index?: string;
      scale: number;
      /** Absent when none was written: `(%rax)` has none, `0(%rax)` has a zero one. */
      disp?: Expr;
      /** Intel `qword ptr`, in bytes. */
      size?: number;
      column: number;
      star?: boolean;
    }
  /** A bare expression: a branch target, an Intel immediate, or an AT&T absolute address. */
  | { kind: 'expr'; expr: Expr; column: number; star?: boolean };

/** One instruction statement: prefixes (`lock`, `rep`, `cs`), mnemonic, operands in source order. */
export interface Statement {
  prefixes: string[];
  mnemonic: string;
  column: number;
  operands: Operand[];
}

const HEX_ADDRESS = /^[0-9a-f]{8,16}$/;

/** Splits `text` at commas outside parentheses and brackets, keeping each piece's column. */
export function splitOperands(text: string, column: number): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (i === text.length || (c === ',' && depth === 0)) {
      const piece = text.slice(start, i);
      const lead = piece.length - piece.trimStart().length;
      out.push({ text: piece.trim(), column: column + start + lead });
      start = i + 1;
    }
  }
  if (out.length === 1 && out[0]!.text === '') return [];
  for (const p of out) if (p.text === '') throw new AsmSyntaxError(p.column, 'expected an operand');
  return out;
}

/** Reads a number: `0x1f`, `31`, Intel `1fh`; objdump's bare 16-digit addresses when `bareHex`. */
export function readNumber(tok: string, bareHex: boolean): bigint | undefined {
  let v: bigint | undefined;
  if (/^0x[0-9a-f]+$/i.test(tok)) v = BigInt(tok);
  else if (/^[0-9][0-9a-f]*h$/i.test(tok)) v = BigInt('0x' + tok.slice(0, -1));
  else if (/^[0-9]+$/.test(tok)) v = BigInt(tok);
  else if (bareHex && HEX_ADDRESS.test(tok) && /[0-9]/.test(tok)) v = BigInt('0x' + tok);
  return v;
}

/**
 * Parses `sym+0x40`, `-8`, `1f`. Terms are joined by `+`/`-`; at most one may be a symbol or a
 * local label (its sign must be `+`). Register names are refused by the caller beforehand.
 */
export function parseExpr(text: string, column: number, bareHex: boolean): Expr {
  const expr: Expr = { offset: 0n, column };
  const re = /\s*([+-]?)\s*([^\s+-]+)\s*/y;
  let pos = 0;
  let first = true;
  if (text.trim() === '') throw new AsmSyntaxError(column, 'expected a number or a symbol');
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m || m[0] === '') throw new AsmSyntaxError(column + pos, `unexpected '${text[pos]}'`);
    const sign = m[1];
    const tok = m[2]!;
    const at = column + pos + m[0].indexOf(tok);
    if (!first && sign === '') throw new AsmSyntaxError(at, `expected '+' or '-' before '${tok}'`);
    const n = readNumber(tok, bareHex);
    if (n !== undefined) expr.offset += sign === '-' ? -n : n;
    else {
      const local = /^([0-9]+)([fb])$/.exec(tok);
      if (!local && !/^[A-Za-z_.$][\w.$@]*$/.test(tok))
        throw new AsmSyntaxError(at, `expected a number or a symbol, found '${tok}'`);
      if (expr.sym !== undefined || expr.label !== undefined)
        throw new AsmSyntaxError(at, `only one symbol per expression, found '${tok}'`);
      if (sign === '-') throw new AsmSyntaxError(at, `a symbol cannot be subtracted: '-${tok}'`);
      if (local) expr.label = { name: local[1]!, dir: local[2] as 'f' | 'b' };
      else expr.sym = tok;
    }
    pos = re.lastIndex;
    first = false;
  }
  if (expr.offset >= 1n << 64n || expr.offset < -(1n << 63n))
    throw new AsmSyntaxError(column, `number out of 64-bit range: '${text.trim()}'`);
  return expr;
}

/** Does the expression name something the encoder must look up (a symbol or local label)? */
export const isSymbolic = (e: Expr): boolean => e.sym !== undefined || e.label !== undefined;

type MemOperand = Extract<Operand, { kind: 'mem' }>;

/** A memory operand with only the parts that were written (exactOptionalPropertyTypes). */
export function makeMem(
  parts: Partial<Omit<MemOperand, 'kind' | 'column' | 'scale'>> & { scale?: number },
  column: number,
): MemOperand {
  const mem: MemOperand = { kind: 'mem', scale: parts.scale ?? 1, column };
  for (const k of ['seg', 'base', 'index', 'disp', 'size', 'star'] as const)
    if (parts[k] !== undefined) Object.assign(mem, { [k]: parts[k] });
  return mem;
}
