/**
 * Splits one line of the text scenario format into tokens with their 1-based columns.
 * Comments (`#` or `//` to the end of the line) are dropped here so every later stage
 * sees only meaningful text; pasted objdump lines carry `# <sym+off>` comments too.
 */

/** One word of a line: its text and where it starts (1-based column). */
export interface Token {
  text: string;
  column: number;
}

/** Where a comment starts in `line`, or `line.length` when there is none. */
export function findCommentStart(line: string): number {
  const hash = line.indexOf('#');
  const slashes = line.indexOf('//');
  const starts = [hash, slashes].filter((i) => i >= 0);
  return starts.length === 0 ? line.length : Math.min(...starts);
}

/** Whitespace and commas separate tokens: `features XSAVEOPT, XSAVEC` reads naturally. */
export function tokenizeLine(line: string): Token[] {
  const code = line.slice(0, findCommentStart(line));
  const tokens: Token[] = [];
  const re = /[^\s,]+/g;
  for (let m = re.exec(code); m !== null; m = re.exec(code)) {
    tokens.push({ text: m[0], column: m.index + 1 });
  }
  return tokens;
}

/** The text of `line` from `column` (1-based) up to its comment, trimmed. */
export function restOfLine(line: string, column: number): string {
  return line.slice(column - 1, findCommentStart(line)).trim();
}
