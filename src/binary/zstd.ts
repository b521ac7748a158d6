import { inPlaceMargin } from './zstdFrame';

/**
 * Zstandard through WebAssembly (zstddec: the reference C decoder compiled to wasm). It needs
 * the output size up front: the kernel appends it to its payloads, and the zstd tool writes it
 * in the frame header (Frame_Content_Size) of files it compresses whole (`.ko.zst`).
 *
 * zstddec keeps one instance for the whole process and copies its output out, and wasm memory
 * never shrinks: after a 14 MB vmlinuz, ~76 MB of wasm memory (input and output) stayed beside
 * the 62 MB copy (issue 13). So only its compiled module is kept; each decode runs in an
 * instance of its own and returns a view of that instance's memory, which nothing runs in
 * again (so it never grows and detaches the view) and which goes with the last view.
 */
let compiled: Promise<WebAssembly.Module> | undefined;

/** The exports of zstddec's wasm that a one-shot decode uses. */
interface ZstdExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  ZSTD_decompress(dst: number, dstCapacity: number, src: number, srcSize: number): number;
}

/** Compile the wasm once, on the first zstd input (again after a failed attempt). */
function loadModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    // Imported here: its wasm rides in the module as a data: URL, parsed only for zstd input.
    const { ZSTDDecoder } = await import('zstddec');
    const d = new ZSTDDecoder();
    let module: WebAssembly.Module | undefined;
    // `init()` hands the instantiated source to `_init`: keep its module, let zstddec have the rest.
    d._init = (source) => {
      module = source.module;
      ZSTDDecoder.prototype._init.call(d, source);
    };
    await d.init();
    if (!module) throw new Error('zstd: the decoder was initialised elsewhere first');
    return module;
  })().catch((e: unknown) => {
    compiled = undefined;
    throw e;
  });
  return compiled;
}

/** The last decode's instance, weakly: tests check that nothing keeps it once decoded. */
let lastInstance: WeakRef<WebAssembly.Instance> | undefined;
export const lastZstdInstance = (): WebAssembly.Instance | undefined => lastInstance?.deref();

/**
 * Decode `data` (one or more frames, nothing after them) into exactly `size` bytes. The wasm
 * returns a negative zstd error code, or fewer bytes, for corrupt input: anything but `size`
 * bytes is an error.
 */
export async function decodeZstd(data: Uint8Array, size: number): Promise<Uint8Array> {
  const module = await loadModule();
  // Memory growth needs no callback: the heap view is taken after the calls that may grow it.
  const instance = await WebAssembly.instantiate(module, {
    env: { emscripten_notify_memory_growth: () => {} },
  });
  const x = instance.exports as unknown as ZstdExports;
  lastInstance = new WeakRef(instance);
  // One frame decodes in place (its input at the end of the output's buffer), others apart.
  // A size smaller than the input by more than the margin is a lie: decode apart, fail as usual.
  const fits = inPlaceMargin(data);
  const margin = fits !== undefined && data.length <= size + fits ? fits : undefined;
  const room = margin === undefined ? size + data.length : size + margin;
  const dst = x.malloc(margin === undefined ? size : room);
  const src =
    margin === undefined ? (dst === 0 ? 0 : x.malloc(data.length)) : dst + room - data.length;
  if (src === 0 || dst === 0) throw new Error(`cannot allocate ${room} bytes of wasm memory`);
  new Uint8Array(x.memory.buffer).set(data, src);
  const got = Math.max(0, x.ZSTD_decompress(dst, size, src, data.length));
  if (got !== size) throw new Error(`corrupt or truncated data (decoded ${got} of ${size} bytes)`);
  return new Uint8Array(x.memory.buffer, dst, size);
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
