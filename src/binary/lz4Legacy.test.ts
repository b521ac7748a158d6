import { describe, expect, it } from 'vitest';
import { lz4LegacyBlocks } from '../../fixtures/hostile/lz4';
import { decompressPayload } from './decompress';
import { readFixture } from './elf/testFixtures';
import { decodeLz4Legacy } from './lz4Legacy';

const elf = readFixture('mini-alt.elf');

const decode = (data: Uint8Array) => {
  const blocks: Uint8Array[] = [];
  decodeLz4Legacy(data, (b) => blocks.push(b));
  return blocks;
};

describe('decodeLz4Legacy (the kernel lz4 payload format)', () => {
  it('decodes every block of a multi-block stream, in order', () => {
    const frame = lz4LegacyBlocks(elf, 4096);
    const blocks = decode(frame);
    expect(blocks.map((b) => b.length)).toEqual(
      Array.from({ length: Math.ceil(elf.length / 4096) }, (_, i) =>
        Math.min(4096, elf.length - i * 4096),
      ),
    );
    expect(Buffer.concat(blocks).equals(Buffer.from(elf))).toBe(true);
  });

  it('decodes overlapping matches (a repeated pattern) and literal-only blocks', () => {
    const pattern = new Uint8Array(3000).map((_, i) => [1, 2, 3][i % 3]!);
    const literal = Uint8Array.of(7, 8, 9);
    const frame = lz4LegacyBlocks(pattern, 3000);
    const tail = Uint8Array.of(0x30, 7, 8, 9); // token: 3 literals, no match
    const both = new Uint8Array(frame.length + 4 + tail.length);
    both.set(frame);
    new DataView(both.buffer).setUint32(frame.length, tail.length, true);
    both.set(tail, frame.length + 4);
    const [a, b] = decode(both);
    expect(Buffer.from(a!).equals(Buffer.from(pattern))).toBe(true);
    expect([...b!]).toEqual([...literal]);
  });

  it('a concatenated stream (the magic again) goes on', () => {
    const one = lz4LegacyBlocks(elf.subarray(0, 100), 64);
    const two = new Uint8Array(one.length * 2);
    two.set(one);
    two.set(one, one.length);
    expect(decode(two).reduce((n, b) => n + b.length, 0)).toBe(200);
  });

  it('damaged or truncated streams stop with one message naming the offset', async () => {
    const frame = lz4LegacyBlocks(elf, 4096);
    const cut = frame.subarray(0, frame.length - 10);
    const lastHeader = frame.length - lastBlockSize(frame) - 4;
    expect(() => decode(cut)).toThrow(
      `block at offset ${lastHeader} (size ${lastBlockSize(frame)}) runs past the payload`,
    );
    expect(() => decode(frame.subarray(0, 6))).toThrow(
      'truncated block header at offset 4 (2 bytes left)',
    );
    // A match reaching back before the block's start.
    const bad = Uint8Array.of(0x02, 0x21, 0x4c, 0x18, 4, 0, 0, 0, 0x00, 0x05, 0x00, 0x00);
    expect(() => decode(bad)).toThrow('damaged block at offset 4 (byte 9)');
    // A literal run longer than the block (0xff… lengths) never loops over missing input.
    const long = new Uint8Array(8 + 1000).fill(0xff);
    long.set([0x02, 0x21, 0x4c, 0x18, 0xe8, 0x03, 0, 0]);
    expect(() => decode(long)).toThrow('damaged block at offset 4 (byte 1008)');
    expect(await decompressPayload('lz4', bad)).toEqual({
      ok: false,
      message: 'lz4: damaged block at offset 4 (byte 9)',
    });
  });
});

/** The size field of the last block (walking the headers). */
function lastBlockSize(frame: Uint8Array): number {
  const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let o = 4;
  let size = 0;
  while (o < frame.length) {
    size = v.getUint32(o, true);
    o += 4 + size;
  }
  return size;
}
