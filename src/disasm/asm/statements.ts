/**
 * Splits assembly text into labels and instruction statements: newlines and `;` separate
 * statements, `#` starts a comment (GAS), objdump's `<sym+0x10>` annotations are dropped.
 */
import type { AsmSyntax } from '../../core/ports';
import { parseAttOperand } from './parseAtt';
import { parseIntelOperand } from './parseIntel';
import type { Statement } from './syntax';
import { AsmSyntaxError, splitOperands } from './syntax';

/** A label definition or an instruction, with its 1-based line. */
export type Item =
  | { kind: 'label'; name: string; line: number; column: number }
  | { kind: 'insn'; stmt: Statement; line: number };

/** Words that prefix an instruction rather than name one. */
export const PREFIXES = new Set([
  'lock',
  'rep',
  'repe',
  'repz',
  'repne',
  'repnz',
  'notrack',
  'cs',
  'ds',
  'es',
  'ss',
  'fs',
  'gs',
]);

/** Blanks out `#…` comments and `<…>` annotations, keeping columns. */
function stripComments(line: string): string {
  let out = line.replace(/<[^<>]*>/g, (m) => ' '.repeat(m.length));
  const hash = out.indexOf('#');
  if (hash >= 0) out = out.slice(0, hash);
  return out;
}

function parseStatement(
  text: string,
  column: number,
  syntax: AsmSyntax,
  isReg: (n: string) => boolean,
): Statement {
  let pos = text.length - text.trimStart().length;
  const prefixes: string[] = [];
  const wordRe = /([A-Za-z][\w.]*)\s*/y;
  for (;;) {
    wordRe.lastIndex = pos;
    const m = wordRe.exec(text);
    if (!m) throw new AsmSyntaxError(column + pos, `expected an instruction mnemonic`);
    const word = m[1]!.toLowerCase();
    pos = wordRe.lastIndex;
    // `cs` alone before a mnemonic is a prefix; `cs:` would be an (AT&T-less) operand.
    if (PREFIXES.has(word) && text[pos] !== ':' && pos < text.length) {
      prefixes.push(word);
      continue;
    }
    const rest = text.slice(pos);
    const parse = syntax === 'att' ? parseAttOperand : parseIntelOperand;
    const operands = splitOperands(rest.trimEnd(), column + pos).map((p) =>
      parse(p.text, p.column, isReg),
    );
    return { prefixes, mnemonic: word, column: column + m.index, operands };
  }
}

/** Every label and statement of `text`, in order; throws AsmSyntaxError with its line set. */
export function readItems(text: string, syntax: AsmSyntax, isReg: (n: string) => boolean): Item[] {
  const items: Item[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const clean = stripComments(rawLine);
    let start = 0;
    for (const piece of clean.split(';')) {
      const column = start + 1;
      start += piece.length + 1;
      let rest = piece;
      let col = column;
      for (;;) {
        const label = /^(\s*)([A-Za-z_.$][\w.$]*|[0-9]+)\s*:(?!:)/.exec(rest);
        // `gs:` at the start is not a label in Intel syntax when something follows on the line
        if (!label || (syntax === 'intel' && isReg(label[2]!.toLowerCase()))) break;
        items.push({ kind: 'label', name: label[2]!, line, column: col + label[1]!.length });
        col += label[0].length;
        rest = rest.slice(label[0].length);
      }
      if (rest.trim() === '') continue;
      try {
        items.push({ kind: 'insn', stmt: parseStatement(rest, col, syntax, isReg), line });
      } catch (e) {
        if (e instanceof AsmSyntaxError) throw Object.assign(e, { line });
        throw e;
      }
    }
  });
  return items;
}
