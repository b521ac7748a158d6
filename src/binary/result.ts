import type { Diagnostic } from '../core/model';

/** What every reader returns: a value, or the reasons it could not make one. Never a throw. */
export type ReadResult<T> =
  { ok: true; value: T; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** An error tied to a byte offset in the input file. */
export function offsetError(
  code: string,
  message: string,
  offset: number,
  what: string,
): Diagnostic {
  return { severity: 'error', code, message, location: { kind: 'offset', offset, what } };
}

/** An error tied to a line (and column) of a text input. */
export function lineError(code: string, message: string, line: number, column = 1): Diagnostic {
  return { severity: 'error', code, message, location: { kind: 'text', line, column } };
}

export const okResult = <T>(value: T, diagnostics: Diagnostic[] = []): ReadResult<T> => ({
  ok: true,
  value,
  diagnostics,
});

export const failResult = <T>(...diagnostics: Diagnostic[]): ReadResult<T> => ({
  ok: false,
  diagnostics,
});

/**
 * Thrown only inside a reader and caught at its boundary (see `guardRead`): it lets deep
 * bounds checks abort a parse without threading results through every helper.
 */
export class ReadAbort extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** Run a reader body; any ReadAbort or unexpected exception becomes a diagnostic. */
export function guardRead<T>(what: string, body: () => ReadResult<T>): ReadResult<T> {
  try {
    return body();
  } catch (e) {
    if (e instanceof ReadAbort) return failResult(e.diagnostic);
    const message = e instanceof Error ? e.message : String(e);
    return failResult({
      severity: 'error',
      code: 'internal-error',
      message: `${what}: unexpected failure: ${message}`,
    });
  }
}
