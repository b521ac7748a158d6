import { Gunzip } from 'fflate';
import { Decompress as ZstdDecompress } from 'fzstd';
import { decompressBlock } from 'lz4js';

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

/**
 * Decompress a kernel payload, never past `cap` bytes. The kernel appends the uncompressed
 * size (4 bytes) after zstd/xz/lz4 streams, which their decoders reject as trailing data, so a
 * failing attempt is retried without those 4 bytes.
 */
export async function decompressPayload(
  kind: Compression,
  data: Uint8Array,
  cap = MAX_DECOMPRESSED,
): Promise<Decompressed> {
  const first = await tryDecompress(kind, data, cap);
  if (first.ok || kind === 'gzip' || data.length <= 4 || first.message.includes('exceeds'))
    return first;
  const second = await tryDecompress(kind, data.subarray(0, data.length - 4), cap);
  return second.ok ? second : first;
}

async function tryDecompress(
  kind: Compression,
  data: Uint8Array,
  cap: number,
): Promise<Decompressed> {
  const sink = new Sink(cap);
  try {
    switch (kind) {
      case 'zstd': {
        const z = new ZstdDecompress((c) => sink.push(c));
        z.push(data, true);
        break;
      }
      case 'gzip': {
        const g = new Gunzip((c) => sink.push(c));
        g.push(data, true);
        break;
      }
      case 'xz': {
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
        break;
      }
      case 'lz4':
        decompressLz4Legacy(data, sink);
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
  return { ok: true, data: sink.join() };
}

/** LZ4 legacy frames (`lz4 -l`, what the kernel uses): magic, then [u32 size, block]… */
function decompressLz4Legacy(data: Uint8Array, sink: Sink): void {
  const LEGACY_BLOCK = 8 << 20;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let o = 4;
  const block = new Uint8Array(LEGACY_BLOCK);
  while (o + 4 <= data.length) {
    const size = v.getUint32(o, true);
    if (size === 0x184c2102) {
      o += 4; // a concatenated legacy stream starts again
      continue;
    }
    o += 4;
    if (size > data.length - o)
      throw new Error(`block at offset ${o - 4} (size ${size}) runs past the payload`);
    const end = decompressBlock(data, block, o, size, 0);
    sink.push(block.slice(0, end));
    o += size;
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
