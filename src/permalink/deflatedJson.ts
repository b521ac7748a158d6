import { decodeBase64url, encodeBase64url } from './base64url';
import { deflateBytes, inflateBounded } from './deflate';
import { fail } from './errors';
import type { StepResult } from './errors';
import { MAX_INFLATED_BYTES, MAX_PAYLOAD_CHARS } from './limits';

/**
 * The v1 transport: readable JSON, UTF-8, raw DEFLATE, base64url. Readable keys go in and
 * compression pays for them, so the payload can be inspected with any inflate tool.
 */

/** Writes a JSON value as a base64url payload. */
export function writeDeflatedJson(doc: unknown): string {
  return encodeBase64url(deflateBytes(new TextEncoder().encode(JSON.stringify(doc))));
}

/** Reads a base64url payload back to a JSON value, bounded at every stage. Never throws. */
export function readDeflatedJson(payload: string): StepResult<unknown> {
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return fail(
      'too-large',
      `permalink payload is ${payload.length} characters long (at most ${MAX_PAYLOAD_CHARS})`,
    );
  }
  const raw = decodeBase64url(payload);
  if (!raw.ok) return fail('bad-base64', raw.message);
  const inflated = inflateBounded(raw.bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) return fail(inflated.code, inflated.message);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('bad-utf8', 'permalink payload is not valid UTF-8 text');
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail('bad-json', `permalink payload is not valid JSON (${why})`);
  }
}
