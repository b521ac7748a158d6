/**
 * Intel operands, as iced and objdump -M intel print them: `rax`, `qword ptr gs:[rax+rbx*8+10h]`,
 * `[rip+sym]`, bare numbers (immediates or branch targets).
 */
import type { Expr, Operand } from './syntax';
import { AsmSyntaxError, makeMem, parseExpr } from './syntax';

const PTR_SIZES: Record<string, number> = {
  byte: 1,
  word: 2,
  dword: 4,
  fword: 6,
  qword: 8,
  tbyte: 10,
  xmmword: 16,
  oword: 16,
  ymmword: 32,
  zmmword: 64,
};

/** `base + index*scale + disp` inside brackets. */
function parseBrackets(
  inner: string,
  column: number,
  isReg: (n: string) => boolean,
): { base?: string; index?: string; scale: number; disp?: Expr } {
  const out: { base?: string; index?: string; scale: number; disp?: Expr } = { scale: 1 };
  const dispParts: string[] = [];
  const re = /\s*([+-]?)\s*([^\s+-]+)/y;
  let pos = 0;
  while (pos < inner.length && inner.slice(pos).trim() !== '') {
    re.lastIndex = pos;
    const m = re.exec(inner);
    if (!m) throw new AsmSyntaxError(column + pos, `unexpected '${inner[pos]}' inside '[]'`);
    const [, sign, tok] = m as unknown as [string, string, string];
    const at = column + pos + m[0].indexOf(tok);
    const scaled = /^([a-z0-9]+)\*([a-z0-9]+)$/i.exec(tok);
    const lower = tok.toLowerCase();
    if (scaled) {
      const [a, b] = [scaled[1]!.toLowerCase(), scaled[2]!.toLowerCase()];
      const reg = isReg(a) ? a : b;
      const scale = Number(reg === a ? b : a);
      if (!isReg(reg) || ![1, 2, 4, 8].includes(scale))
        throw new AsmSyntaxError(at, `expected index*scale (1, 2, 4 or 8), found '${tok}'`);
      if (sign === '-') throw new AsmSyntaxError(at, `an index cannot be subtracted`);
      if (out.index !== undefined) throw new AsmSyntaxError(at, `a second index register`);
      out.index = reg;
      out.scale = scale;
    } else if (isReg(lower)) {
      if (sign === '-') throw new AsmSyntaxError(at, `a register cannot be subtracted`);
      if (out.base === undefined) out.base = lower;
      else if (out.index === undefined) out.index = lower;
      else throw new AsmSyntaxError(at, `at most two registers inside '[]', found '${tok}'`);
    } else {
      dispParts.push(`${sign === '' && dispParts.length ? '+' : sign}${tok}`);
    }
    pos = re.lastIndex;
  }
  if (dispParts.length) out.disp = parseExpr(dispParts.join(''), column, false);
  if (out.base === undefined && out.index === undefined && out.disp === undefined)
    throw new AsmSyntaxError(column, `expected an address inside '[]'`);
  return out;
}

export function parseIntelOperand(
  raw: string,
  column: number,
  isReg: (n: string) => boolean,
): Operand {
  let text = raw;
  let col = column;
  let size: number | undefined;
  // `jmp short X`: iced's hint that the rel8 form was used; the shortest form is chosen anyway.
  const dist = /^(short|near)\s+/i.exec(text);
  if (dist) {
    col += dist[0].length;
    text = text.slice(dist[0].length);
  }
  const ptr = /^([a-z]+)\s+ptr\s+/i.exec(text);
  if (ptr) {
    size = PTR_SIZES[ptr[1]!.toLowerCase()];
    if (size === undefined)
      throw new AsmSyntaxError(col, `expected byte, word, dword or qword before 'ptr'`);
    col += ptr[0].length;
    text = text.slice(ptr[0].length);
  }
  let seg: string | undefined;
  const segMatch = /^([a-z]s)\s*:\s*/i.exec(text);
  if (segMatch && isReg(segMatch[1]!.toLowerCase())) {
    seg = segMatch[1]!.toLowerCase();
    col += segMatch[0].length;
    text = text.slice(segMatch[0].length);
  }
  const lower = text.toLowerCase();
  if (seg === undefined && size === undefined && isReg(lower))
    return { kind: 'reg', reg: lower, column };
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new AsmSyntaxError(col + text.length, `expected ']'`);
    return makeMem({ ...parseBrackets(text.slice(1, -1), col + 1, isReg), seg, size }, column);
  }
  const expr = parseExpr(text, col, true);
  if (seg !== undefined || size !== undefined) return makeMem({ disp: expr, seg, size }, column);
  return { kind: 'expr', expr, column };
}
