/**
 * Reads an alternative macro as the kernel source writes it: the C string form
 * (`alternative_2("…", "…", X86_FEATURE_…, …)`, `ALTERNATIVE("…", …)` inside `asm()`) or the
 * asm form (`ALTERNATIVE_2 "…", "…", X86_FEATURE_…, …`). Arguments are instruction strings
 * (or `ALT_CALL_INSTR`) and features (`X86_FEATURE_…`, `W*32+B`, `ALT_NOT(…)`,
 * `ALT_DIRECT_CALL(…)`, `ALT_CALL_ALWAYS`). Never throws: errors are data with a column.
 */
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../model';

export const MACRO_NAMES = [
  'ALTERNATIVE',
  'ALTERNATIVE_2',
  'ALTERNATIVE_3',
  'ALTERNATIVE_TERNARY',
] as const;
export type MacroName = (typeof MACRO_NAMES)[number];

/** C wrappers (`asm_inline volatile(ALTERNATIVE…)`) spelled in lower case. */
const C_WRAPPERS: Record<string, MacroName> = {
  alternative: 'ALTERNATIVE',
  alternative_2: 'ALTERNATIVE_2',
  alternative_3: 'ALTERNATIVE_3',
  alternative_ternary: 'ALTERNATIVE_TERNARY',
};

/** Words that start a macro statement. */
export const MACRO_WORDS: readonly string[] = [...MACRO_NAMES, ...Object.keys(C_WRAPPERS)];

/** `ALT_CALL_INSTR`: the placeholder call every `ALT_CALL_ALWAYS` site starts from. */
export const ALT_CALL_INSTR = 'call BUG_func';

/** An instruction-string argument, decoded, with the source column of each character. */
export interface InsnArg {
  text: string;
  /** `columns[i]` is the 1-based source column of `text[i]` (one past the end at `length`). */
  columns: number[];
}

export interface FeatureArg {
  /** The feature as written inside any ALT_NOT/ALT_DIRECT_CALL: a name or `W*32+B`. */
  token: string;
  flags: number;
  column: number;
}

export interface MacroCall {
  macro: MacroName;
  form: 'c' | 'asm';
  old: InsnArg;
  /** In table order (ALTERNATIVE_TERNARY already rewritten as the kernel defines it). */
  alts: { insn: InsnArg; feature: FeatureArg }[];
  column: number;
}

export type MacroParse =
  { ok: true; call: MacroCall } | { ok: false; column: number; message: string };

const ARITY: Record<MacroName, number> = {
  ALTERNATIVE: 3,
  ALTERNATIVE_2: 5,
  ALTERNATIVE_3: 7,
  ALTERNATIVE_TERNARY: 4,
};

class Fail {
  constructor(
    readonly column: number,
    readonly message: string,
  ) {}
}

/** A cursor over one line; `col` is 1-based. */
class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly base: number,
  ) {}
  get col(): number {
    return this.base + this.pos;
  }
  skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  peek(): string | undefined {
    this.skip();
    return this.text[this.pos];
  }
  eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.pos++;
    return true;
  }
  word(): string | undefined {
    this.skip();
    const m = /[A-Za-z0-9_*+]+/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (!r) return undefined;
    this.pos = m.lastIndex;
    return r[0];
  }
  atEnd(): boolean {
    this.skip();
    const rest = this.text.slice(this.pos);
    return rest === '' || rest.startsWith('#') || rest.startsWith('//');
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', "'": "'" };

/** One or more adjacent string literals (C concatenates them), decoded. */
function readStrings(r: Reader, c: boolean): InsnArg {
  const out: InsnArg = { text: '', columns: [] };
  while (r.peek() === '"') {
    r.pos++;
    for (;;) {
      const ch = r.text[r.pos];
      if (ch === undefined) throw new Fail(r.col, `expected '"' to end the string`);
      const at = r.col;
      r.pos++;
      if (ch === '"') break;
      if (ch === '\\') {
        const e = r.text[r.pos];
        const v = e === undefined ? undefined : ESCAPES[e];
        if (v === undefined) throw new Fail(at, `unknown escape '\\${e ?? ''}' in a string`);
        r.pos++;
        out.text += v;
        out.columns.push(at);
        continue;
      }
      // In extended asm `%%` is a literal `%`; a lone `%` names an operand the text lacks.
      if (c && ch === '%') {
        if (r.text[r.pos] !== '%')
          throw new Fail(
            at,
            `inline asm operand '%${r.text[r.pos] ?? ''}…' has no value here: write the instruction with its operands`,
          );
        r.pos++;
      }
      out.text += ch;
      out.columns.push(at);
    }
    if (!c) break;
  }
  out.columns.push(r.col);
  return out;
}

function readInsn(r: Reader, c: boolean, what: string): InsnArg {
  const p = r.peek();
  if (p === '"') return readStrings(r, c);
  const start = r.col;
  const w = r.word();
  if (w === 'ALT_CALL_INSTR')
    return { text: ALT_CALL_INSTR, columns: [...ALT_CALL_INSTR].map(() => start).concat(start) };
  throw new Fail(
    start,
    `expected ${what} (a quoted instruction string or ALT_CALL_INSTR)${w ? `, found '${w}'` : ''}`,
  );
}

function readFeature(r: Reader): FeatureArg {
  const column = (r.skip(), r.col);
  const w = r.word();
  if (!w)
    throw new Fail(
      column,
      `expected a feature (X86_FEATURE_…, W*32+B, ALT_NOT(…) or ALT_DIRECT_CALL(…))`,
    );
  if (w === 'ALT_CALL_ALWAYS')
    return { token: 'X86_FEATURE_ALWAYS', flags: ALT_FLAG_DIRECT_CALL, column };
  if (w === 'ALT_NOT' || w === 'ALT_DIRECT_CALL') {
    if (!r.eat('(')) throw new Fail(r.col, `expected '(' after ${w}`);
    const inner = readFeature(r);
    if (!r.eat(')')) throw new Fail(r.col, `expected ')' to close ${w}(`);
    return {
      ...inner,
      flags: inner.flags | (w === 'ALT_NOT' ? ALT_FLAG_NOT : ALT_FLAG_DIRECT_CALL),
      column,
    };
  }
  return { token: w, flags: 0, column };
}

/** Parses one macro statement; `column` is where `text` starts on its line. */
export function parseMacroCall(text: string, column = 1): MacroParse {
  const r = new Reader(text, column);
  try {
    const start = (r.skip(), r.col);
    const name = r.word() ?? '';
    const macro = (MACRO_NAMES as readonly string[]).includes(name)
      ? (name as MacroName)
      : C_WRAPPERS[name];
    if (!macro)
      throw new Fail(
        start,
        `expected ${MACRO_NAMES.join(', ')} or alternative(…), found '${name}'`,
      );
    const c = r.eat('(');
    if (!c && C_WRAPPERS[name]) throw new Fail(r.col, `expected '(' after ${name}`);
    const n = ARITY[macro];
    const args: (InsnArg | FeatureArg)[] = [];
    const isFeatureSlot = (i: number): boolean =>
      macro === 'ALTERNATIVE_TERNARY' ? i === 1 : i % 2 === 0 && i > 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && !r.eat(','))
        throw new Fail(
          r.col,
          `expected ',' and ${n - i} more argument${n - i === 1 ? '' : 's'} of ${macro}`,
        );
      args.push(
        isFeatureSlot(i)
          ? readFeature(r)
          : readInsn(r, c, i === 0 ? 'the original instruction' : 'a replacement'),
      );
    }
    if (c && !r.eat(')'))
      throw new Fail(r.col, `expected ')' after the ${n} arguments of ${macro}`);
    if (!r.atEnd())
      throw new Fail(r.col, `unexpected '${r.text.slice(r.pos).trim()}' after ${macro}`);
    const old = args[0] as InsnArg;
    let alts: MacroCall['alts'] = [];
    if (macro === 'ALTERNATIVE_TERNARY') {
      // ALTERNATIVE_2(old, newinstr_no, X86_FEATURE_ALWAYS, newinstr_yes, ft_flags)
      const ft = args[1] as FeatureArg;
      alts = [
        {
          insn: args[3] as InsnArg,
          feature: { token: 'X86_FEATURE_ALWAYS', flags: 0, column: ft.column },
        },
        { insn: args[2] as InsnArg, feature: ft },
      ];
    } else {
      for (let i = 1; i < n; i += 2)
        alts.push({ insn: args[i] as InsnArg, feature: args[i + 1] as FeatureArg });
    }
    return { ok: true, call: { macro, form: c ? 'c' : 'asm', old, alts, column: start } };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, column: e.column, message: e.message };
    throw e;
  }
}

/** Does a text scenario hold a macro statement (so it needs the assembler)? */
export function hasMacroStatement(text: string): boolean {
  return /^\s*(ALTERNATIVE(_2|_3|_TERNARY)?|alternative(_2|_3|_ternary)?)\b/m.test(text);
}
