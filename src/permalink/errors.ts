/** What went wrong with a permalink, for tests and for the UI to choose its message. */
export type PermalinkErrorCode =
  | 'not-a-permalink'
  | 'unsupported-version'
  | 'too-large'
  | 'bad-base64'
  | 'bad-deflate'
  | 'bad-utf8'
  | 'bad-json'
  | 'bad-field'
  | 'bad-upgrade'
  | 'internal';

/** A permalink that cannot be opened: a code and a sentence saying what is wrong and where. */
export interface PermalinkError {
  code: PermalinkErrorCode;
  message: string;
}

/** Each decoding stage returns this instead of throwing. */
export type StepResult<T> = { ok: true; value: T } | { ok: false; error: PermalinkError };

export const fail = (
  code: PermalinkErrorCode,
  message: string,
): { ok: false; error: PermalinkError } => ({
  ok: false,
  error: { code, message },
});
