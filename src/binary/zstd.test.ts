import { decompress } from 'fzstd';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readFixture } from './elf/testFixtures';
import { decodeZstd, lastZstdInstance } from './zstd';
import { inPlaceMargin } from './zstdFrame';

/** The fixture as a bzImage carries it: the zstd frame, then the size (u32 LE). */
const payload = readFixture('mini-alt-stripped.elf.zst');
const frame = payload.subarray(0, payload.length - 4);
const size = new DataView(payload.buffer, payload.byteOffset).getUint32(payload.length - 4, true);

/** A full garbage collection (`--expose-gc` turned on for a fresh context). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('decodeZstd', () => {
  it('decodes the bytes the pure-JS decoder gives', async () => {
    const out = await decodeZstd(frame, size);
    expect(out.length).toBe(size);
    expect(Buffer.from(out).equals(Buffer.from(decompress(frame)))).toBe(true);
  });

  it('gives each decode its own instance, freed once decoded (wasm memory never shrinks)', async () => {
    const a = await decodeZstd(frame, size);
    const first = lastZstdInstance();
    const b = await decodeZstd(frame, size);
    expect(first).toBeDefined();
    expect(lastZstdInstance()).not.toBe(first);
    // A later decode leaves an earlier output alone (a shared memory that grew would detach it).
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // WeakRef targets stay alive until the current job ends.
    await new Promise((r) => setTimeout(r, 0));
    collectGarbage();
    expect(lastZstdInstance()).toBeUndefined();
  });

  it('decodes one frame in place and several apart, to the same bytes', async () => {
    // The fixture: a 7-byte header (2-byte content size), one block, a 4-byte checksum.
    expect(inPlaceMargin(frame)).toBe(7 + 4 + 3 + (128 << 10));
    const two = new Uint8Array(2 * frame.length);
    two.set(frame);
    two.set(frame, frame.length);
    expect(inPlaceMargin(two)).toBeUndefined();
    expect(inPlaceMargin(frame.subarray(0, frame.length - 1))).toBeUndefined();
    const both = await decodeZstd(two, 2 * size);
    const one = Buffer.from(decompress(frame));
    expect(Buffer.from(both).equals(Buffer.concat([one, one]))).toBe(true);
  });

  it('names a wrong size or a truncated frame with the bytes it decoded', async () => {
    await expect(decodeZstd(frame, size + 7)).rejects.toThrow(
      `corrupt or truncated data (decoded ${size} of ${size + 7} bytes)`,
    );
    // A zstd error code (negative) decodes nothing.
    await expect(decodeZstd(frame.subarray(0, frame.length - 9), size)).rejects.toThrow(
      `corrupt or truncated data (decoded 0 of ${size} bytes)`,
    );
  });
});
