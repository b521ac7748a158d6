import { readDeflatedJson, writeDeflatedJson } from './deflatedJson';
import { fail } from './errors';
import type { PermalinkError, StepResult } from './errors';
import { MAX_INFLATED_BYTES } from './limits';
import { readAndUpgrade } from './migrations';
import type { PermalinkFormat } from './migrations';
import { readShareState } from './readShareState';
import type { ShareState } from './shareState';
import { writeDocument } from './writeDocument';

/**
 * The permalink codec: `#v<N>=<payload>`. The version sits in plain sight before the payload so
 * a future format can change the transport too (not only the JSON), and so a person can tell an
 * altscope link's version without decoding it.
 */

/** The version new links are written in. */
export const PERMALINK_VERSION = 1;

/** Every format ever published, oldest first. Never remove or change a published entry. */
export const PERMALINK_FORMATS: readonly PermalinkFormat[] = [
  { version: 1, readPayload: readDeflatedJson },
];

/** Result of {@link decodePermalink}. */
export type DecodeResult =
  { ok: true; state: ShareState; warnings: string[] } | { ok: false; error: PermalinkError };

const FRAGMENT = /^v(\d{1,6})=/;

/** Encodes `state` as a fragment, `#v1=…`. Check {@link checkShareStateSize} first for untrusted sizes. */
export function encodePermalink(state: ShareState): string {
  return `#v${PERMALINK_VERSION}=${writeDeflatedJson(writeDocument(state))}`;
}

/** Says whether `state` fits in a link that decoders will accept; null when it does. */
export function checkShareStateSize(state: ShareState): PermalinkError | null {
  const bytes = new TextEncoder().encode(JSON.stringify(writeDocument(state))).length;
  if (bytes <= MAX_INFLATED_BYTES) return null;
  return {
    code: 'too-large',
    message: `the shared state is ${bytes} bytes of JSON; a permalink holds at most ${MAX_INFLATED_BYTES}`,
  };
}

/**
 * Decodes a fragment (with or without its leading `#`) into a complete state. Tolerant of
 * unknown keys (warnings) and missing keys (defaults); never throws, whatever the string.
 */
export function decodePermalink(fragment: string, formats = PERMALINK_FORMATS): DecodeResult {
  try {
    const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
    const match = FRAGMENT.exec(text);
    if (!match) {
      return fail(
        'not-a-permalink',
        `not an altscope permalink: expected "#v${PERMALINK_VERSION}=…", found "${clip(text)}"`,
      );
    }
    const doc: StepResult<unknown> = readAndUpgrade(
      Number(match[1]),
      text.slice(match[0].length),
      formats,
    );
    if (!doc.ok) return doc;
    const read = readShareState(doc.value);
    if (!read.ok) return fail('bad-field', read.message);
    return { ok: true, state: read.state, warnings: read.warnings };
  } catch (e) {
    // Only a bug or an engine limit (e.g. a stack overflow deep in JSON.parse) gets here.
    const why = e instanceof Error ? e.message : String(e);
    return fail('internal', `permalink could not be decoded (${why})`);
  }
}

function clip(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}
