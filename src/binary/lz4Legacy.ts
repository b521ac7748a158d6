/**
 * The kernel's LZ4 payloads (`lz4 -l`, the legacy frame): magic 0x184c2102, then blocks of
 * `u32 compressed size` + one LZ4 block, each decoding to at most 8 MiB (the last one less); a
 * magic again starts a concatenated stream. Decoded here with every length checked against
 * the input and the block bound, so a damaged stream stops with its offset, never a long loop.
 */

const LEGACY_MAGIC = 0x184c2102;
/** `LZ4IO_LEGACY_BLOCKSIZE`: what each block decodes to at most. */
export const LEGACY_BLOCK = 8 << 20;
const MIN_MATCH = 4;

/** Decode a legacy frame (magic included) block by block, handing each block's bytes to `push`. */
export function decodeLz4Legacy(data: Uint8Array, push: (block: Uint8Array) => void): void {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 4 || v.getUint32(0, true) !== LEGACY_MAGIC)
    throw new Error('not an LZ4 legacy frame (magic 02 21 4c 18)');
  const block = new Uint8Array(LEGACY_BLOCK);
  let o = 4;
  while (o < data.length) {
    if (o + 4 > data.length)
      throw new Error(`truncated block header at offset ${o} (${data.length - o} bytes left)`);
    const size = v.getUint32(o, true);
    o += 4;
    if (size === LEGACY_MAGIC) continue;
    if (size === 0 || size > data.length - o)
      throw new Error(`block at offset ${o - 4} (size ${size}) runs past the payload`);
    const end = decodeBlock(data, o, o + size, block);
    if (end < 0) throw new Error(`damaged block at offset ${o - 4} (byte ${-end - 1})`);
    push(block.slice(0, end));
    o += size;
  }
}

/**
 * One LZ4 block from src[s, sEnd) into dst: its decoded length, or `-(offset+1)` of the byte
 * where a literal run, a match offset or a length leaves the input or the output.
 */
function decodeBlock(src: Uint8Array, s: number, sEnd: number, dst: Uint8Array): number {
  let d = 0;
  for (;;) {
    if (s >= sEnd) return -(s + 1);
    const token = src[s++]!;
    let lit = token >> 4;
    if (lit === 15) {
      const at = extendLength(src, s, sEnd);
      if (at < 0) return at;
      lit += extended;
      s = at;
    }
    if (lit > sEnd - s || lit > dst.length - d) return -(s + 1);
    dst.set(src.subarray(s, s + lit), d);
    s += lit;
    d += lit;
    if (s === sEnd) return d; // the last sequence has literals only
    if (s + 2 > sEnd) return -(s + 1);
    const off = src[s]! | (src[s + 1]! << 8);
    if (off === 0 || off > d) return -(s + 1);
    s += 2;
    let len = token & 15;
    if (len === 15) {
      const at = extendLength(src, s, sEnd);
      if (at < 0) return at;
      len += extended;
      s = at;
    }
    len += MIN_MATCH;
    if (len > dst.length - d) return -(s + 1);
    if (off >= len) dst.copyWithin(d, d - off, d - off + len);
    // Overlapping (off < len repeats a pattern): byte by byte, as the format means it.
    else for (let k = 0, from = d - off; k < len; k++) dst[d + k] = dst[from + k]!;
    d += len;
  }
}

/** What the last `extendLength` call added (kept outside to avoid an object per sequence). */
let extended = 0;

/**
 * A length nibble of 15 goes on in the bytes after it, each added, until one is not 255: sets
 * `extended` and returns the offset after them, or `-(offset+1)` where the input ends first.
 */
function extendLength(src: Uint8Array, s: number, sEnd: number): number {
  extended = 0;
  let b: number;
  do {
    if (s >= sEnd) return -(s + 1);
    b = src[s++]!;
    extended += b;
  } while (b === 255);
  return s;
}
