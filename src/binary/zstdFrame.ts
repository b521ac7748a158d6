/**
 * The zstd frame layout (RFC 8878 §3.1.1) as far as in-place decoding needs it. zstd ≥ 1.5.4
 * (zstddec ships 1.5.7) decodes in place when the input sits at the end of a buffer of output
 * size + margin, the margin being the frame header, the checksum, 3 bytes a block and one
 * block of 128 KiB (zstd.h, ZSTD_DECOMPRESSION_MARGIN). Then the input needs no wasm memory of
 * its own, and wasm memory never shrinks: 14 MB kept for nothing after a 7.2 vmlinuz (issue 13).
 */

/** `ZSTD_BLOCKSIZE_MAX`: no block decodes to more (a larger margin is only safer). */
const BLOCK_SIZE_MAX = 128 << 10;

/**
 * The in-place margin of `b` when it is exactly one zstd frame (walked block by block to its
 * end), else undefined: several or skippable frames, or anything malformed, decode apart.
 */
export function inPlaceMargin(b: Uint8Array): number | undefined {
  if (b.length < 6 || b[0] !== 0x28 || b[1] !== 0xb5 || b[2] !== 0x2f || b[3] !== 0xfd) return;
  const fhd = b[4] as number;
  if (fhd & 0x08) return undefined; // reserved bit
  const singleSegment = (fhd >> 5) & 1;
  const dictBytes = [0, 1, 2, 4][fhd & 3] as number;
  const fcsBytes = [singleSegment, 2, 4, 8][fhd >> 6] as number;
  const checksum = fhd & 0x04 ? 4 : 0;
  const header = 5 + (singleSegment ? 0 : 1) + dictBytes + fcsBytes;
  let o = header;
  let blocks = 0;
  for (let last = false; !last; blocks++) {
    if (o + 3 > b.length) return undefined;
    const h = (b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16);
    const type = (h >> 1) & 3; // raw, RLE (one byte), compressed, reserved
    if (type === 3) return undefined;
    o += 3 + (type === 1 ? 1 : h >>> 3);
    last = (h & 1) === 1;
  }
  return o + checksum === b.length ? header + checksum + 3 * blocks + BLOCK_SIZE_MAX : undefined;
}
