/**
 * AT&T operands, as the kernel writes them and objdump prints them: `%reg`, `$imm`,
 * `disp(base,index,scale)`, `sym(%rip)`, `%gs:…`, `*` for indirect branches.
 */
import type { Operand } from './syntax';
import { AsmSyntaxError, makeMem, parseExpr } from './syntax';

const REG = /^%([a-z][a-z0-9]*)$/i;

function readReg(text: string, column: number, isReg: (n: string) => boolean): string {
  const m = REG.exec(text.trim());
  const name = m?.[1]?.toLowerCase();
  if (!name || !isReg(name))
    throw new AsmSyntaxError(column, `expected a register, found '${text.trim()}'`);
  return name;
}

/** Parses the `(base,index,scale)` part; empty pieces are allowed where GAS allows them. */
function parseParens(
  inner: string,
  column: number,
  isReg: (n: string) => boolean,
): { base?: string; index?: string; scale: number } {
  const parts = inner.split(',');
  if (parts.length > 3)
    throw new AsmSyntaxError(column, `expected (base,index,scale), found '(${inner})'`);
  const out: { base?: string; index?: string; scale: number } = { scale: 1 };
  let col = column + 1;
  const [b, i, s] = parts;
  if (b !== undefined && b.trim() !== '') out.base = readReg(b, col, isReg);
  col += (b?.length ?? 0) + 1;
  if (i !== undefined && i.trim() !== '') out.index = readReg(i, col, isReg);
  else if (parts.length > 1 && (s === undefined || s.trim() === ''))
    throw new AsmSyntaxError(col, `expected an index register`);
  col += (i?.length ?? 0) + 1;
  if (s !== undefined) {
    const scale = Number(s.trim());
    if (![1, 2, 4, 8].includes(scale))
      throw new AsmSyntaxError(col, `expected a scale of 1, 2, 4 or 8, found '${s.trim()}'`);
    out.scale = scale;
  }
  if (out.base === undefined && out.index === undefined)
    throw new AsmSyntaxError(column, `expected a base or index register inside '()'`);
  return out;
}

export function parseAttOperand(
  raw: string,
  column: number,
  isReg: (n: string) => boolean,
): Operand {
  let text = raw;
  let col = column;
  let star = false;
  if (text.startsWith('*')) {
    star = true;
    text = text.slice(1).trimStart();
    col = column + (raw.length - text.length);
  }
  if (text.startsWith('$')) {
    if (star) throw new AsmSyntaxError(column, `'*' cannot apply to an immediate`);
    return { kind: 'imm', expr: parseExpr(text.slice(1), col + 1, false), column };
  }
  let seg: string | undefined;
  const segMatch = /^%([a-z]s)\s*:\s*/i.exec(text);
  if (segMatch) {
    seg = readReg('%' + segMatch[1]!, col, isReg);
    col += segMatch[0].length;
    text = text.slice(segMatch[0].length);
  } else if (text.startsWith('%')) {
    return { kind: 'reg', reg: readReg(text, col, isReg), column, ...(star ? { star } : {}) };
  }
  const open = text.indexOf('(');
  if (open < 0) {
    const expr = parseExpr(text, col, true);
    if (seg !== undefined) return { kind: 'mem', seg, disp: expr, scale: 1, column };
    return { kind: 'expr', expr, column, ...(star ? { star } : {}) };
  }
  if (!text.endsWith(')')) throw new AsmSyntaxError(col + text.length, `expected ')' to close '('`);
  const regs = parseParens(text.slice(open + 1, -1), col + open, isReg);
  const dispText = text.slice(0, open);
  const disp = dispText.trim() !== '' ? parseExpr(dispText, col, false) : undefined;
  return makeMem({ ...regs, seg, disp, star: star || undefined }, column);
}
