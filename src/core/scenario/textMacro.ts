/**
 * Macro statements in the text format: inside a `site`, `ALTERNATIVE_2 "…", "…", F1, "…", F2`
 * (or the C form) stands for the site's `orig` and `alt` lines. The statement is read where it
 * is written and expanded when the table is built, once the replacement address is known.
 */
import type { Addr, Diagnostic, SourceLocation } from '../model';
import type { MacroExpansion, MacroLayout } from '../macros/expand';
import { expandMacro } from '../macros/expand';
import type { MacroCall } from '../macros/macroSyntax';
import type { Assembler } from '../ports';
import type { SiteDraft } from './textDraft';
import type { ScenarioFeature } from './feature';

/** What the parser needs to expand macros: the assembler port and the profile's layout. */
export interface MacroSupport {
  assembler?: Assembler;
  layout: MacroLayout;
  directCall: boolean;
}

/** A macro statement as written, waiting for its replacement address. */
export interface MacroDraft {
  call: MacroCall;
  at: SourceLocation;
}

/**
 * Fills `draft.orig` and `draft.entries` from its macro at `repl`; returns the expansion, or
 * reports an error located in the statement and marks the site broken.
 */
export function expandDraft(
  draft: SiteDraft & { macro: MacroDraft },
  repl: Addr,
  support: MacroSupport,
  symbols: ReadonlyMap<string, bigint>,
  resolveFeature: (token: string) => ScenarioFeature,
  report: (d: Diagnostic) => void,
): MacroExpansion | undefined {
  const { call, at } = draft.macro;
  const fail = (column: number, message: string): undefined => {
    report({
      severity: 'error',
      code: 'scenario-macro',
      message,
      location: { ...at, column } as SourceLocation,
    });
    draft.broken = true;
    return undefined;
  };
  if (!support.assembler)
    return fail(
      call.column,
      `${call.macro} needs the assembler (iced-x86), which is not loaded yet`,
    );
  const r = expandMacro(call, {
    layout: support.layout,
    site: draft.addr,
    repl,
    assembler: support.assembler,
    symbols,
    resolveFeature,
    directCall: support.directCall,
  });
  if (!r.ok) return fail(r.column, r.message);
  draft.orig = [...r.original];
  draft.origAt = at;
  draft.entries = r.expansion.levels.map((l) => ({
    cpuid: l.cpuid,
    flags: l.flags,
    instrlen: l.instrlen,
    repl: l.repl,
    bytes: [...l.replacement],
    at,
  }));
  return r.expansion;
}
