import { describe, expect, it } from 'vitest';
import { toAddr } from '../model';
import { diffImage, formatDiffRun } from './memdiff';
import { RegionImage } from './textImage';

const TEXT = 0xffffffff81000000n;
const DATA = 0xffffffff82000000n;
const t = (off: number) => toAddr(TEXT + BigInt(off));

/** `.text` of 3 pages and a bit (counting bytes), `.data` of 16 bytes (0xdd). */
function setup() {
  const text = Uint8Array.from({ length: 3 * 4096 + 100 }, (_, i) => i & 0xff);
  const data = new Uint8Array(16).fill(0xdd);
  const fileText = text.slice();
  // Out of address order on purpose: the image sorts its regions.
  const image = new RegionImage([
    { name: '.data', addr: toAddr(DATA), bytes: data },
    { name: '.text', addr: toAddr(TEXT), bytes: text },
  ]);
  return { image, text, fileText };
}

const hex = (b: Uint8Array | undefined) =>
  b === undefined ? 'undefined' : Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('RegionImage (copy on write)', () => {
  it('shows writes, keeps the file bytes, and reads and writes across page edges', () => {
    const { image, text, fileText } = setup();
    expect(image.write(t(4094), Uint8Array.of(0xa1, 0xa2, 0xa3, 0xa4))).toBe(true);
    expect(hex(image.read(t(4092), 8))).toBe('fcfda1a2a3a40203');
    expect(hex(image.read(t(4096), 2))).toBe('a3a4');
    // The file's bytes: the input array is never written, and original() reads it.
    expect(text).toEqual(fileText);
    expect(hex(image.original(t(4094), 4))).toBe('feff0001');
    // A write to the short last page, and a read spanning three pages (one never written).
    expect(image.write(t(3 * 4096 + 98), Uint8Array.of(0xee, 0xef))).toBe(true);
    const span = image.read(t(4095), 2 * 4096 + 5)!;
    expect(span.length).toBe(2 * 4096 + 5);
    expect(hex(span.subarray(0, 3))).toBe('a2a3a4');
    expect(hex(span.subarray(4096, 4098))).toBe(hex(fileText.subarray(8191, 8193)));
    expect(hex(image.read(t(3 * 4096 + 96), 4))).toBe('6061eeef');
  });

  it('returns copies: changing what read() gave changes nothing', () => {
    const { image } = setup();
    const unwritten = image.read(t(0), 4)!;
    unwritten.fill(0);
    image.write(t(8), Uint8Array.of(1));
    const written = image.read(t(8), 1)!;
    written[0] = 9;
    expect(hex(image.read(t(0), 4))).toBe('00010203');
    expect(hex(image.read(t(8), 1))).toBe('01');
  });

  it('refuses reads and writes that leave a region, writing nothing', () => {
    const { image, fileText } = setup();
    const end = 3 * 4096 + 100;
    expect(image.write(t(end - 2), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(image.write(t(end), Uint8Array.of(1))).toBe(false);
    expect(image.write(toAddr(TEXT - 1n), Uint8Array.of(1, 2))).toBe(false);
    expect(image.write(toAddr(DATA + 15n), Uint8Array.of(1, 2))).toBe(false);
    expect(image.read(t(end - 2), 3)).toBeUndefined();
    expect(image.read(toAddr(DATA - 8n), 8)).toBeUndefined();
    expect(hex(image.read(t(end - 4), 4))).toBe(hex(fileText.subarray(end - 4)));
    expect(image.writtenPieces(TEXT, end)).toEqual([]);
    expect(image.readU64(DATA + 8n)).toBe(0xddddddddddddddddn);
    expect(image.readU64(DATA + 9n)).toBeUndefined();
  });

  it('lists only the written pages, and memdiff joins a run across a page edge', () => {
    const { image } = setup();
    image.write(t(10), Uint8Array.of(0x90));
    image.write(t(4094), Uint8Array.of(0xcc, 0xcc, 0xcc, 0xcc));
    image.write(toAddr(DATA + 4n), Uint8Array.of(0xdd)); // written, but the same byte
    const pieces = image.writtenPieces(TEXT, 3 * 4096 + 100);
    expect(pieces.map((p) => [p.addr - TEXT, p.now.length, p.was.length])).toEqual([
      [0n, 4096, 4096],
      [4096n, 4096, 4096],
    ]);
    const runs = diffImage(image, [
      { addr: TEXT, len: 3 * 4096 + 100 },
      { addr: DATA, len: 16 },
    ]);
    expect(runs.map(formatDiffRun)).toEqual(['ffffffff8100000a 90', 'ffffffff81000ffe cccccccc']);
  });
});
