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

/**
 * A zstd frame of raw (stored) blocks of at most 128 KiB: magic, a descriptor with no content
 * size, a 256 KiB window, then each block's 3-byte header (last flag, type 0, size) and bytes.
 */
function rawBlockFrame(content: Uint8Array): Uint8Array {
  const blocks = Math.ceil(content.length / (128 << 10));
  const out = new Uint8Array(6 + 3 * blocks + content.length);
  out.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 8 << 3]);
  let o = 6;
  for (let at = 0; at < content.length; at += 128 << 10) {
    const block = content.subarray(at, at + (128 << 10));
    const h = (block.length << 3) | (at + block.length >= content.length ? 1 : 0);
    out.set([h & 0xff, (h >> 8) & 0xff, h >> 16], o);
    out.set(block, o + 3);
    o += 3 + block.length;
  }
  return out;
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

  it('decodes in place raw blocks, whose input is as long as their output (the tightest case)', async () => {
    const content = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24);
    const raw = rawBlockFrame(content);
    expect(inPlaceMargin(raw)).toBe(6 + 3 * 3 + (128 << 10));
    expect(Buffer.from(await decodeZstd(raw, content.length)).equals(Buffer.from(content))).toBe(
      true,
    );
    // A size so small the input cannot sit at the end of its buffer: decoded apart, refused.
    await expect(decodeZstd(raw, 1000)).rejects.toThrow(
      'corrupt or truncated data (decoded 0 of 1000 bytes)',
    );
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
