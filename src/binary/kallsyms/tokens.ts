import type { RegionView } from './region';

/**
 * `kallsyms_token_table` (256 NUL-terminated strings) and `kallsyms_token_index` (256 u16
 * offsets into it): every compressed name byte stands for one token (scripts/kallsyms.c).
 */
export interface TokenTable {
  /** Offset of kallsyms_token_table in the region. */
  tableAt: number;
  /** Offset of kallsyms_token_index, and the first byte after it. */
  indexAt: number;
  indexEnd: number;
  /** The 256 tokens as byte strings (no NUL). */
  tokens: Uint8Array[];
}

/** Longest token accepted: the kernel's are a few characters; this only bounds the checks. */
const MAX_TOKEN = 128;

/**
 * Every place in the region that holds a token index whose table ends just before it (up to 7
 * bytes of zero padding, the `.balign` of the next label). The checks — index starting at 0 and
 * growing by each token's length + 1, each token printable and ending in exactly one NUL — make
 * a false hit in real data vanishingly unlikely; callers still verify by decoding names.
 */
export function findTokenTables(v: RegionView, limit = 4): TokenTable[] {
  const out: TokenTable[] = [];
  const b = v.region.bytes;
  for (let p = 0; p + 512 <= v.size && out.length < limit; p += 2) {
    if (b[p] !== 0 || b[p + 1] !== 0) continue;
    const d1 = v.u16(p + 2);
    if (d1 < 1 || d1 > MAX_TOKEN) continue;
    const idx = readIndex(v, p);
    if (!idx) continue;
    const t = tableBefore(v, p, idx);
    if (t !== undefined)
      out.push({ tableAt: t, indexAt: p, indexEnd: p + 512, tokens: tokensOf(b, t, idx) });
  }
  return out;
}

/** 256 u16 starting at 0, each 1..MAX_TOKEN more than the previous, or undefined. */
function readIndex(v: RegionView, p: number): Uint16Array | undefined {
  const idx = new Uint16Array(256);
  for (let i = 1; i < 256; i++) {
    const x = v.u16(p + 2 * i);
    const prev = idx[i - 1] as number;
    if (x <= prev || x - prev > MAX_TOKEN + 1) return undefined;
    idx[i] = x;
  }
  return idx;
}

/** Start of the token table that ends (plus padding) at `indexAt`, if the strings fit exactly. */
function tableBefore(v: RegionView, indexAt: number, idx: Uint16Array): number | undefined {
  const b = v.region.bytes;
  for (let pad = 0; pad < 8; pad++) {
    const end = indexAt - pad; // one past the last token's NUL
    if (end < 1 || b[end - 1] !== 0 || !v.zeros(end, indexAt)) continue;
    // The last token runs back from its NUL to the previous NUL.
    let s = end - 1;
    while (s > 0 && end - 1 - s < MAX_TOKEN && b[s - 1] !== 0) s--;
    const start = s - (idx[255] as number);
    if (start >= 0 && stringsFit(b, start, idx, end)) return start;
  }
  return undefined;
}

/** Each token i is printable bytes from start+idx[i] to one NUL just before the next token. */
function stringsFit(b: Uint8Array, start: number, idx: Uint16Array, end: number): boolean {
  for (let i = 0; i < 256; i++) {
    const from = start + (idx[i] as number);
    const nul = i < 255 ? start + (idx[i + 1] as number) - 1 : end - 1;
    if (b[nul] !== 0) return false;
    for (let k = from; k < nul; k++) {
      const c = b[k] as number;
      if (c < 0x20 || c > 0x7e) return false;
    }
  }
  return true;
}

function tokensOf(b: Uint8Array, start: number, idx: Uint16Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < 256; i++) {
    const from = start + (idx[i] as number);
    let to = from;
    while (b[to] !== 0) to++;
    out.push(b.subarray(from, to));
  }
  return out;
}
