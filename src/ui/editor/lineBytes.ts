/** Reading the bytes a scenario line holds, for the editor's inline disassembly. */

import { STATEMENTS } from '../../core/scenario/text';

export { STATEMENTS };

const STATEMENT_WORDS: readonly string[] = STATEMENTS;

/**
 * The hex bytes written on one line (`orig 49 0f …`, a continuation line, or a pasted
 * `objdump -d` line `ffffffff8100: 49 0f …  xsave64 …`), or null when it has none.
 */
export function readLineBytes(line: string): Uint8Array | null {
  const code = line.replace(/(#|\/\/).*$/, '');
  const tokens = code.trim().split(/[\s,]+/);
  const head = tokens[0] ?? '';
  if (STATEMENT_WORDS.includes(head) && head !== 'orig' && head !== 'alt' && head !== 'memory')
    return null;
  const isByte = (t: string | undefined) => t !== undefined && /^[0-9a-fA-F]{2}$/.test(t);
  // The first run of two-digit hex tokens after the statement's words (an `objdump -d` paste
  // may put `address:` before it and the disassembly after it).
  let i = STATEMENT_WORDS.includes(head) ? 1 : 0;
  while (i < tokens.length && !isByte(tokens[i])) i++;
  const out: number[] = [];
  for (; isByte(tokens[i]); i++) out.push(parseInt(tokens[i] as string, 16));
  return out.length > 0 ? Uint8Array.from(out) : null;
}
