/**
 * Positions inside JSON text, computed only when a diagnostic needs one (JSON.parse is fast and
 * positionless; this scanner is slower but exact). Paths are arrays of keys and indices.
 */
export type JsonPath = readonly (string | number)[];

export interface JsonPosition {
  offset: number;
  line: number;
  column: number;
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** `sites[3].entries[1].repl` */
export function formatJsonPath(path: JsonPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s || '(top level)';
}

/**
 * Offset of the value at `path` (or of the deepest existing ancestor), or of the first syntax
 * error. Never throws; bounded by the text length.
 */
export function locateJsonPath(
  text: string,
  path: JsonPath,
): { offset: number; syntaxError?: string } {
  let i = 0;
  let best = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const fail = (msg: string): never => {
    throw new LocateStop(i, msg);
  };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('bad string escape');
    }
  };
  // Walks one value; when `depth` is on the path, stops at the matching child.
  const value = (depth: number): void => {
    ws();
    if (depth === path.length) throw new LocateStop(i);
    if (depth < path.length) best = i;
    const want = path[depth];
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "key"');
        const key = skipString();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        if (key === want) value(depth + 1);
        else value(path.length + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail("expected ',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        if (n === want) value(depth + 1);
        else value(path.length + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail("expected ',' or ']'");
      }
    } else if (c === '"') skipString();
    else {
      const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
      if (!m) fail(i >= text.length ? 'unexpected end of input' : `unexpected character '${c}'`);
      i += (m as RegExpExecArray)[0].length;
    }
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { offset: best };
  } catch (e) {
    if (e instanceof LocateStop)
      return e.message ? { offset: e.offset, syntaxError: e.message } : { offset: e.offset };
    return { offset: 0, syntaxError: String(e) };
  }
}

class LocateStop extends Error {
  constructor(
    readonly offset: number,
    message = '',
  ) {
    super(message);
  }
}
