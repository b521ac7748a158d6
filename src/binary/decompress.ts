import { decodeLz4Legacy } from './lz4Legacy';
import { decodeZstd, zstdContentSize } from './zstd';

export type Compression = 'zstd' | 'xz' | 'gzip' | 'lz4' | 'lzma' | 'bzip2' | 'lzo';

/** Output cap for a kernel payload: real vmlinux images are well under this. */
export const MAX_DECOMPRESSED = 512 << 20;

/** Identify the compressor from the payload's magic bytes (the kernel's own choices). */
export function detectCompression(b: Uint8Array): Compression | undefined {
  const at = (...m: number[]) => m.every((v, i) => b[i] === v);
  if (at(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  if (at(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (at(0x1f, 0x8b)) return 'gzip';
  if (at(0x02, 0x21, 0x4c, 0x18)) return 'lz4';
  if (at(0x5d, 0x00, 0x00)) return 'lzma';
  if (at(0x42, 0x5a, 0x68)) return 'bzip2';
  if (at(0x89, 0x4c, 0x5a, 0x4f)) return 'lzo';
  return undefined;
}

/** Thrown inside a decoder callback to stop at the cap. */
class OutputCap extends Error {}

/** Concatenate chunks, refusing to grow past `cap`. */
class Sink {
  chunks: Uint8Array[] = [];
  size = 0;
  constructor(private readonly cap: number) {}
  push = (c: Uint8Array): void => {
    this.size += c.length;
    if (this.size > this.cap) throw new OutputCap(`decompressed data exceeds ${this.cap} bytes`);
    this.chunks.push(c);
  };
  join(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

export type Decompressed = { ok: true; data: Uint8Array } | { ok: false; message: string };

/** How the compressed bytes are framed. */
export interface PayloadOptions {
  /** Output cap (default MAX_DECOMPRESSED). */
  cap?: number;
  /**
   * A bzImage payload: the kernel's build appends the uncompressed size (u32 LE) after zstd,
   * xz and lz4 streams (arch/x86/boot/compressed/Makefile, `*_with_size`). It is cut off before
   * decoding and gives zstd its output size.
   */
  sizeTrailer?: boolean;
}

/** Decompress a kernel payload or a compressed file in one attempt, never past the cap. */
export async function decompressPayload(
  kind: Compression,
  input: Uint8Array,
  opts: PayloadOptions = {},
): Promise<Decompressed> {
  const cap = opts.cap ?? MAX_DECOMPRESSED;
  let data = input;
  let size: number | undefined;
  if (opts.sizeTrailer && kind !== 'gzip') {
    if (input.length < 8) return { ok: false, message: `${kind}: payload too short` };
    data = input.subarray(0, input.length - 4);
    size = new DataView(input.buffer, input.byteOffset + data.length, 4).getUint32(0, true);
    if (size === 0) return { ok: false, message: `${kind}: the appended size is 0` };
  }
  if (kind === 'zstd') size ??= zstdContentSize(data);
  if (size !== undefined && size > cap)
    return { ok: false, message: `${kind}: decompressed data exceeds ${cap} bytes (${size})` };
  const sink = new Sink(cap);
  try {
    switch (kind) {
      case 'zstd':
        if (size !== undefined) sink.push(await decodeZstd(data, size));
        // Streamed zstd (no size anywhere): the pure-JS decoder, which can stop at the cap.
        else new (await import('fzstd')).Decompress((c) => sink.push(c)).push(data, true);
        break;
      case 'gzip':
        // Imported when a payload needs them: a scenario or a plain ELF loads no decoder (and
        // fflate's Node build brings worker_threads with it).
        new (await import('fflate')).Gunzip((c) => sink.push(c)).push(data, true);
        break;
      case 'xz':
        await decompressXz(data, sink);
        break;
      case 'lz4':
        decodeLz4Legacy(data, sink.push);
        break;
      default:
        return {
          ok: false,
          message: `${kind} payloads are not supported (zstd, xz, gzip and lz4 are)`,
        };
    }
  } catch (e) {
    return { ok: false, message: `${kind}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (sink.size === 0) return { ok: false, message: `${kind}: no data decompressed` };
  if (size !== undefined && sink.size !== size)
    return {
      ok: false,
      message: `${kind}: decompressed ${sink.size} bytes, the size says ${size}`,
    };
  return { ok: true, data: sink.join() };
}

/** xz through xz-decompress (xz-embedded compiled to wasm), streamed so the cap stops it early. */
async function decompressXz(data: Uint8Array, sink: Sink): Promise<void> {
  const input = new ReadableStream<Uint8Array>({
    start(ctl) {
      ctl.enqueue(data);
      ctl.close();
    },
  });
  const reader = new (await loadXzStream())(input).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    try {
      sink.push(value);
    } catch (e) {
      await reader.cancel();
      throw e;
    }
  }
}

type XzStreamCtor = new (input: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;

/**
 * xz-decompress is CommonJS (and carries wasm): load it only when an xz payload shows up, and
 * accept its class either as a named export or on the CommonJS default.
 */
async function loadXzStream(): Promise<XzStreamCtor> {
  const mod = (await import('xz-decompress')) as unknown as {
    XzReadableStream?: XzStreamCtor;
    default?: { XzReadableStream?: XzStreamCtor };
  };
  const ctor = mod.XzReadableStream ?? mod.default?.XzReadableStream;
  if (!ctor) throw new Error('xz-decompress has no XzReadableStream');
  return ctor;
}
