import { checkShareStateSize, decodePermalink, encodePermalink } from './codec';
import type { DecodeResult } from './codec';
import type { PermalinkError } from './errors';
import type { ShareState } from './shareState';

/**
 * The two things the page does with its URL, as pure functions of strings so the store and the
 * CLI share them and tests need no `window`.
 */

/**
 * Reads `location.hash`: `null` when it holds no link at all (empty, `#`), so the app opens its
 * saved or default state; otherwise the decode result, whose error the app shows.
 */
export function readFragment(hash: string): DecodeResult | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.trim() === '') return null;
  return decodePermalink(text);
}

/** Result of {@link buildLink}. */
export type BuildLinkResult = { ok: true; url: string } | { ok: false; error: PermalinkError };

/** `baseUrl` (any fragment it had dropped) followed by the permalink fragment for `state`. */
export function buildLink(baseUrl: string, state: ShareState): BuildLinkResult {
  const tooLarge = checkShareStateSize(state);
  if (tooLarge) return { ok: false, error: tooLarge };
  const hashAt = baseUrl.indexOf('#');
  const base = hashAt < 0 ? baseUrl : baseUrl.slice(0, hashAt);
  return { ok: true, url: base + encodePermalink(state) };
}
