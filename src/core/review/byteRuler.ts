import type { Site } from '../model';
import type { SiteResult } from '../patch/report';

/** A span of the site: the compiled code, or padding one nesting level added. */
export interface RulerSegment {
  start: number;
  end: number;
  kind: 'code' | 'padding';
  /** For padding: the entry (nesting level, innermost first) whose macro emitted it. */
  entry?: number;
}

/** One entry's lengths against the site. */
export interface RulerEntry {
  entry: number;
  instrlen: number;
  replacementlen: number;
  /** Bytes the longest-instrlen rule adds for this entry (6.12 rewrites instrlen, 7.2 uses the site length). */
  fixup: number;
  /** Replacement bytes beyond the site end (would be cut off). */
  overflow: number;
}

export interface ByteRuler {
  /** Site length: the longest `instrlen`. */
  len: number;
  /** Compiled original code before any padding (inferred, see `inferCodeLength`). */
  codeLen: number;
  segments: RulerSegment[];
  entries: RulerEntry[];
  /** NOP runs the optimiser merged, from the result when given. */
  nopRuns: { start: number; end: number }[];
}

/** Lay the site's lengths out on one ruler: code, each level's padding, fix-ups, NOP runs. */
export function buildByteRuler(site: Site, result?: SiteResult): ByteRuler {
  const len = Math.max(0, ...site.entries.map((e) => e.instrlen));
  const codeLen = inferCodeLength(site);
  const segments: RulerSegment[] = codeLen > 0 ? [{ start: 0, end: codeLen, kind: 'code' }] : [];
  let reached = codeLen;
  site.entries.forEach((e, k) => {
    // Nested macros: each level pads from the previous level's end to its own instrlen.
    if (e.instrlen > reached) {
      segments.push({ start: reached, end: e.instrlen, kind: 'padding', entry: k });
      reached = e.instrlen;
    }
  });
  const entries = site.entries.map((e, k) => ({
    entry: k,
    instrlen: e.instrlen,
    replacementlen: e.replacementlen,
    fixup: len - e.instrlen,
    overflow: Math.max(0, e.replacementlen - len),
  }));
  const nopRuns = (result?.nopRuns ?? []).map((r) => ({ start: r.start, end: r.end }));
  return { len, codeLen, segments, entries, nopRuns };
}

/**
 * The compiled code's length before padding. The innermost level pads only when its replacement
 * is longer than the code, and padding is always raw `0x90` at the end, so: when the first
 * entry's replacement exactly fills its instrlen, the trailing `0x90`s are taken as padding
 * (an original that itself ends in `nop` is indistinguishable and counted as padding too).
 */
export function inferCodeLength(site: Site): number {
  const first = site.entries[0];
  if (!first) return site.original.length;
  const l1 = first.instrlen;
  if (first.replacementlen !== l1) return l1;
  let end = l1;
  while (end > 0 && site.original[end - 1] === 0x90) end--;
  return end;
}
