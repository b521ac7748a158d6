/**
 * The head of an `alt` line: `alt [NOT] FEATURE [DIRECT_CALL] [instrlen N] [at ADDR] [flags N]`.
 * Words may come in any order; the first word that is neither a keyword nor the feature starts
 * the replacement bytes (so a feature spelled like hex, `de`, is still read as the feature).
 */
import type { Addr, KernelVersion, SourceLocation } from '../model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../model';
import { parseSmallNumber } from './addr';
import { resolveScenarioFeature } from './feature';
import type { Token } from './lexer';
import type { EntryDraft } from './textDraft';
import { U8_LIMIT } from './textDraft';

/** What the entry parser needs from the line parser. */
export interface EntryContext {
  kernel: KernelVersion;
  at(column: number): SourceLocation;
  error(column: number, message: string, code?: string): void;
  readAddr(tokens: Token[], i: number, what: string): Addr | undefined;
}

/** `alt [NOT] FEATURE [DIRECT_CALL] [instrlen N] [at ADDR] [flags N]`, then bytes. */
export function parseEntryHead(
  tokens: Token[],
  ctx: EntryContext,
): { draft: EntryDraft; bytesFrom: number } | undefined {
  const draft: Partial<EntryDraft> & { bytes: number[]; flags: number } = {
    bytes: [],
    flags: 0,
    at: ctx.at(tokens[0]!.column),
  };
  let i = 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    const word = t.text;
    if (word === 'NOT') draft.flags |= ALT_FLAG_NOT;
    else if (word === 'DIRECT_CALL') draft.flags |= ALT_FLAG_DIRECT_CALL;
    else if (word === 'instrlen' || word === 'flags') {
      const n = tokens[i + 1] && parseSmallNumber(tokens[i + 1]!.text);
      const limit = word === 'instrlen' ? U8_LIMIT : 0xffff;
      if (n === undefined || n > limit) {
        ctx.error(
          tokens[i + 1]?.column ?? t.column + word.length + 1,
          `expected a number 0..${limit} after '${word}'${tokens[i + 1] ? `, found '${tokens[i + 1]!.text}'` : ''}`,
        );
        return undefined;
      }
      if (word === 'instrlen') {
        draft.instrlen = n;
        draft.instrlenAt = ctx.at(tokens[i + 1]!.column);
      } else draft.flags |= n;
      i++;
    } else if (word === 'at') {
      const a = ctx.readAddr(tokens, i + 1, `the replacement address after 'at'`);
      if (a === undefined) return undefined;
      draft.repl = a;
      i++;
    } else if (draft.cpuid === undefined) {
      const r = resolveScenarioFeature(word, ctx.kernel);
      if (!r.ok) {
        ctx.error(t.column, r.message, 'scenario-unknown-feature');
        return undefined;
      }
      draft.cpuid = r.index;
    } else break;
  }
  if (draft.cpuid === undefined) {
    const last = tokens[tokens.length - 1]!;
    ctx.error(
      last.column + last.text.length + 1,
      `expected a feature after '${last.text}' (a name such as XSAVEOPT, or W*32+B)`,
    );
    return undefined;
  }
  return { draft: draft as EntryDraft, bytesFrom: i };
}
