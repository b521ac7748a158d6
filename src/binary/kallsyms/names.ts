import { alignUp, type RegionView } from './region';
import type { TokenTable } from './tokens';

/** `kallsyms_num_syms`, `kallsyms_names` and `kallsyms_markers`, checked against each other. */
export interface NameStream {
  /** Offset of kallsyms_num_syms. */
  numAt: number;
  count: number;
  namesAt: number;
  /** Offset of each symbol's entry (its length byte) in the region. */
  entryAt: Uint32Array;
  markersAt: number;
  markersEnd: number;
}

/** Most symbols accepted (a kernel has ~200k; the seqs table indexes 24 bits). */
const MAX_SYMS = 1 << 24;
/** Entries decoded before a candidate is walked in full. */
const PREFILTER = 12;

/**
 * Walk budget over all candidates, in entries: bounds the scan on hostile input (each
 * candidate that survives the prefilter may walk far before failing).
 */
const WALK_BUDGET = 1 << 25;

/** Thrown when the budget runs out: the caller reports it. */
export class WalkBudgetExceeded extends Error {}

/**
 * Find the compressed name stream: a u32 count N, then N entries (ULEB128 length of 1–2 bytes,
 * then that many token bytes), then markers (u32 offset of every 256th entry). Names come
 * before the token table in every layout since 6.1, so only [0, before) is scanned.
 */
export function findNameStream(
  v: RegionView,
  tokens: TokenTable,
  before: number,
): NameStream | undefined {
  const budget = { left: WALK_BUDGET };
  return (
    nearTokens(v, tokens, before, budget) ??
    afterRelativeBase(v, tokens, before, budget) ??
    scan(v, tokens, 0, before, before, budget)
  );
}

/**
 * The quick way for 6.1, where kallsyms_num_syms directly follows kallsyms_relative_base (a
 * kernel address, 8-aligned) and the offsets (4 bytes a symbol) come before that.
 */
function afterRelativeBase(
  v: RegionView,
  tokens: TokenTable,
  before: number,
  budget: { left: number },
): NameStream | undefined {
  const b = v.region.bytes;
  for (let p = 8; p + 16 <= before; p += 8) {
    // Top 4 bytes all 0xff, then bit 31 set: >= 0xffffffff80000000.
    if (b[p + 7] !== 0xff || b[p + 6] !== 0xff || b[p + 5] !== 0xff || b[p + 4] !== 0xff) continue;
    // …and page-aligned: the relative base is the lowest text symbol, `_text` (else: full scan).
    if ((b[p + 3] as number) < 0x80 || b[p] !== 0 || ((b[p + 1] as number) & 0x0f) !== 0) continue;
    const n = v.u32(p + 8);
    if (n < 1 || n > MAX_SYMS || 4 * n > p) continue;
    const found = scan(v, tokens, p + 8, p + 16, before, budget);
    if (found) return found;
  }
  return undefined;
}

/**
 * The quick way, for 6.12+ where the markers end right before the token table: read them
 * backwards to markers[0] = 0; the last one bounds where the names start to one window.
 */
function nearTokens(
  v: RegionView,
  tokens: TokenTable,
  before: number,
  budget: { left: number },
): NameStream | undefined {
  for (const pad of [0, 4]) {
    const end = before - pad;
    if (end % 4 !== 0 || !v.zeros(end, before)) continue;
    // Walk back while the values fall by 512 at least (256 entries of 2+ bytes); markers[0] = 0.
    let m = end - 4;
    while (m >= 4 && v.u32(m) > 0 && v.u32(m - 4) >= 0 && v.u32(m) - v.u32(m - 4) >= 512) m -= 4;
    // At least two markers (a real kernel has thousands; tiny tables take the full scan).
    if (v.u32(m) !== 0 || m === end - 4) continue;
    const last = v.u32(end - 4);
    // Entries are at most 2 + KSYM_NAME_LEN (512) bytes; the last 256 start after `last`.
    const from = Math.max(0, m - last - 256 * 514 - 8) & ~3;
    const found = scan(v, tokens, from, m - last, before, budget);
    if (found) return found;
  }
  return undefined;
}

/** Try every 4-aligned count position p (from ≤ p, p + 8 ≤ to) whose names end before `before`. */
function scan(
  v: RegionView,
  tokens: TokenTable,
  from: number,
  to: number,
  before: number,
  budget: { left: number },
): NameStream | undefined {
  for (let p = from; p + 8 <= to; p += 4) {
    const n = v.u32(p);
    // Each entry takes 2 bytes at least.
    if (n < 1 || n > MAX_SYMS || 2 * n > before - p) continue;
    // The names label follows the count, aligned to 4 (7.x) or 8 (6.x).
    for (const at of p % 8 === 4 ? [p + 4] : [p + 4, p + 8]) {
      if (at === p + 8 && !v.zeros(p + 4, p + 8)) continue;
      if (!prefilter(v, tokens, at, Math.min(n, PREFILTER))) continue;
      const s = walk(v, at, n, before, budget);
      if (s && endsAtTokens(s.markersEnd, n, before))
        return { numAt: p, count: n, namesAt: at, ...s };
    }
  }
  return undefined;
}

/**
 * What lies between the markers and the token table: nothing but padding (6.12+), or
 * `kallsyms_seqs_of_names`, 3 bytes per symbol (6.1). Random data never lands there exactly.
 */
function endsAtTokens(markersEnd: number, n: number, tableAt: number): boolean {
  const gap = tableAt - markersEnd;
  return (gap >= 0 && gap < 8) || (gap >= 3 * n && gap < 3 * n + 16);
}

/**
 * Length of the entry at `o` and the size of its length field, packed as `length · 4 + size`
 * (no tuple per entry: ~200k entries per walk), or -1.
 */
function entryLength(b: Uint8Array, o: number, end: number): number {
  if (o >= end) return -1;
  const c = b[o] as number;
  if (c === 0) return -1; // no symbol has an empty name
  if (c < 0x80) return c * 4 + 1;
  if (o + 1 >= end) return -1;
  const c2 = b[o + 1] as number;
  if (c2 === 0 || c2 >= 0x80) return -1;
  return ((c & 0x7f) | (c2 << 7)) * 4 + 2;
}

/** The first entries expand to a kallsyms type letter then symbol characters. */
function prefilter(v: RegionView, t: TokenTable, at: number, k: number): boolean {
  const b = v.region.bytes;
  let o = at;
  for (let i = 0; i < k; i++) {
    const e = entryLength(b, o, v.size);
    if (e < 0) return false;
    const len = e >> 2;
    const w = e & 3;
    if (o + w + len > v.size) return false;
    let first = true;
    for (let j = 0; j < len; j++) {
      const tok = t.tokens[b[o + w + j] as number] as Uint8Array;
      for (let q = 0; q < tok.length; q++) {
        const c = tok[q] as number;
        if (first ? !isTypeChar(c) : !isSymbolChar(c)) return false;
        first = false;
      }
    }
    o += w + len;
  }
  return true;
}

/** nm-style type letters (upper/lower case): A B D R T V W and friends. */
const isTypeChar = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
/** Characters in kernel symbol names: C identifiers plus `.` and `$` (and clang's suffixes). */
const isSymbolChar = (c: number): boolean => c > 0x20 && c < 0x7f;

/**
 * Walk n entries from `at`; the markers after them must record every 256th entry's offset.
 * Only then is the per-entry offset column made (a second, cheap pass).
 */
function walk(
  v: RegionView,
  at: number,
  n: number,
  end: number,
  budget: { left: number },
): Pick<NameStream, 'entryAt' | 'markersAt' | 'markersEnd'> | undefined {
  const b = v.region.bytes;
  const markers = Math.ceil(n / 256);
  const expected = new Uint32Array(markers);
  let o = at;
  for (let i = 0; i < n; i++) {
    const e = entryLength(b, o, end);
    if (e < 0) return undefined;
    if ((i & 255) === 0) {
      expected[i >> 8] = o - at;
      budget.left -= 256;
      if (budget.left < 0) throw new WalkBudgetExceeded();
    }
    o += (e & 3) + (e >> 2);
    if (o > end) return undefined;
  }
  for (const align of [4, 8]) {
    const m = alignUp(o, align);
    if (m + 4 * markers > end || !v.zeros(o, m)) continue;
    let ok = true;
    for (let k = 0; ok && k < markers; k++) ok = v.u32(m + 4 * k) === expected[k];
    if (ok) return { entryAt: entryOffsets(b, at, n), markersAt: m, markersEnd: m + 4 * markers };
  }
  return undefined;
}

/** Offsets of the n entries of a stream already walked once (so every length is valid). */
function entryOffsets(b: Uint8Array, at: number, n: number): Uint32Array {
  const out = new Uint32Array(n);
  let o = at;
  for (let i = 0; i < n; i++) {
    out[i] = o;
    const c = b[o] as number;
    o += c < 0x80 ? 1 + c : 2 + ((c & 0x7f) | ((b[o + 1] as number) << 7));
  }
  return out;
}
