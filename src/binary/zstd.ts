import type { ZSTDDecoder } from 'zstddec';

/**
 * Zstandard through WebAssembly (zstddec: the reference C decoder compiled to wasm). It needs
 * the output size up front: the kernel appends it to its payloads, and the zstd tool writes it
 * in the frame header (Frame_Content_Size) of files it compresses whole (`.ko.zst`).
 */
let decoder: Promise<ZSTDDecoder> | undefined;

/** Instantiate the wasm once, on the first zstd input (again after a failed attempt). */
function loadDecoder(): Promise<ZSTDDecoder> {
  decoder ??= (async () => {
    // Imported here: its wasm rides in the module as a data: URL, parsed only for zstd input.
    const d = new (await import('zstddec')).ZSTDDecoder();
    await d.init();
    return d;
  })().catch((e: unknown) => {
    decoder = undefined;
    throw e;
  });
  return decoder;
}

/**
 * Decode `data` (one or more frames, nothing after them) into exactly `size` bytes. The wasm
 * returns a negative zstd error code, or fewer bytes, for corrupt input: anything but `size`
 * bytes is an error.
 */
export async function decodeZstd(data: Uint8Array, size: number): Promise<Uint8Array> {
  const d = await loadDecoder();
  const out = d.decode(data, size);
  if (out.length !== size)
    throw new Error(`corrupt or truncated data (decoded ${out.length} of ${size} bytes)`);
  return out;
}

/**
 * Frame_Content_Size of the first frame (RFC 8878 §3.1.1.1), or undefined when the header does
 * not give it (streamed output) or the data is not a zstd frame.
 */
export function zstdContentSize(b: Uint8Array): number | undefined {
  if (b.length < 6 || b[0] !== 0x28 || b[1] !== 0xb5 || b[2] !== 0x2f || b[3] !== 0xfd) return;
  const fhd = b[4] as number;
  const fcsFlag = fhd >> 6;
  const singleSegment = (fhd >> 5) & 1;
  const fcsBytes = [singleSegment, 2, 4, 8][fcsFlag] as number;
  if (fcsBytes === 0) return undefined;
  const at = 5 + (singleSegment ? 0 : 1) + ([0, 1, 2, 4][fhd & 3] as number);
  if (at + fcsBytes > b.length) return undefined;
  let size = 0;
  for (let i = fcsBytes - 1; i >= 0; i--) size = size * 256 + (b[at + i] as number);
  return fcsBytes === 2 ? size + 256 : size;
}
