/**
 * Lays a parsed macro out the way the kernel's macros make GAS lay it out:
 * - nested (6.10+): `ALTERNATIVE_2(o, n1, f1, n2, f2)` is `ALTERNATIVE(ALTERNATIVE(o, n1, f1),
 *   n2, f2)`; each level pads what it wraps with 0x90 up to its replacement's length and emits
 *   one `alt_instr` whose instrlen is the length so far, so entries of one site differ;
 * - flat (6.1): one padding up to the longest replacement, every entry the same instrlen.
 * Replacements follow one another in `.altinstr_replacement`, in table order.
 */
import type { Addr, FeatureIndex } from '../model';
import { ALT_FLAG_DIRECT_CALL, toAddr } from '../model';
import type { Assembler, AsmError } from '../ports';
import type { InsnArg, MacroCall } from './macroSyntax';

/** How a kernel generation's macros nest: a profile fact. */
export type MacroLayout = 'nested' | 'flat';

/** One level of the expansion: what the learner sees per `alt_instr`. */
export interface MacroLevel {
  /** The feature as written (`X86_FEATURE_XMM2`, `9*32+20`). */
  feature: string;
  cpuid: FeatureIndex;
  flags: number;
  /** The replacement as written, and where it was assembled. */
  text: string;
  repl: Addr;
  replacement: Uint8Array;
  /** 0x90 bytes this level appended to the site (flat: all on the first level). */
  padding: number;
  instrlen: number;
}

/** What the macro became: kept on the site so the app can show the layout. */
export interface MacroExpansion {
  macro: MacroCall['macro'];
  form: MacroCall['form'];
  layout: MacroLayout;
  oldText: string;
  old: Uint8Array;
  levels: MacroLevel[];
}

export interface ExpandOptions {
  layout: MacroLayout;
  site: Addr;
  /** Where the first replacement goes in `.altinstr_replacement`. */
  repl: Addr;
  assembler: Assembler;
  symbols?: ReadonlyMap<string, bigint>;
  resolveFeature(token: string): { ok: true; index: FeatureIndex } | { ok: false; message: string };
  /** `ALT_FLAG_DIRECT_CALL` exists (6.8+); the 6.1 profile says no. */
  directCall: boolean;
}

export type ExpandResult =
  | { ok: true; original: Uint8Array; expansion: MacroExpansion }
  | { ok: false; column: number; message: string };

/** The source column of an assembler error inside a string argument. */
function sourceColumn(arg: InsnArg, err: AsmError): number {
  let index = 0;
  for (let line = 1; line < err.line; line++) index = arg.text.indexOf('\n', index) + 1;
  return arg.columns[Math.min(index + err.column - 1, arg.columns.length - 1)] ?? 1;
}

class Fail {
  constructor(
    readonly column: number,
    readonly message: string,
  ) {}
}

function assemble(arg: InsnArg, at: bigint, o: ExpandOptions, what: string): Uint8Array {
  const r = o.assembler.assemble(arg.text, at, o.symbols ? { symbols: o.symbols } : {});
  if (!r.ok) throw new Fail(sourceColumn(arg, r.error), `${what}: ${r.error.message}`);
  return r.bytes;
}

export function expandMacro(call: MacroCall, o: ExpandOptions): ExpandResult {
  try {
    const old = assemble(call.old, o.site, o, 'original');
    let replAt: bigint = o.repl;
    const levels: MacroLevel[] = call.alts.map((alt, i) => {
      const f = o.resolveFeature(alt.feature.token);
      if (!f.ok) throw new Fail(alt.feature.column, f.message);
      if (alt.feature.flags & ALT_FLAG_DIRECT_CALL && !o.directCall)
        throw new Fail(
          alt.feature.column,
          `ALT_DIRECT_CALL needs a 6.8+ kernel (this profile has no ALT_FLAG_DIRECT_CALL)`,
        );
      const replacement = assemble(alt.insn, replAt, o, `replacement ${i + 1}`);
      const level: MacroLevel = {
        feature: alt.feature.token,
        cpuid: f.index,
        flags: alt.feature.flags,
        text: alt.insn.text,
        repl: toAddr(replAt),
        replacement,
        padding: 0,
        instrlen: 0,
      };
      replAt += BigInt(replacement.length);
      return level;
    });
    let total = old.length;
    if (o.layout === 'nested') {
      for (const l of levels) {
        l.padding = Math.max(0, l.replacement.length - total);
        total += l.padding;
        l.instrlen = total;
      }
    } else {
      const longest = Math.max(...levels.map((l) => l.replacement.length));
      levels[0]!.padding = Math.max(0, longest - total);
      total += levels[0]!.padding;
      for (const l of levels) l.instrlen = total;
    }
    const original = new Uint8Array(total).fill(0x90);
    original.set(old);
    return {
      ok: true,
      original,
      expansion: {
        macro: call.macro,
        form: call.form,
        layout: o.layout,
        oldText: call.old.text,
        old,
        levels,
      },
    };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, column: e.column, message: e.message };
    throw e;
  }
}
