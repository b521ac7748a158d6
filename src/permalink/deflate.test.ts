import { describe, expect, it } from 'vitest';
import { deflateBytes, inflateBounded } from './deflate';

describe('inflateBounded', () => {
  it('returns what was deflated', () => {
    const text = new TextEncoder().encode('alt_instr '.repeat(500));
    const packed = deflateBytes(text);
    expect(packed.length).toBeLessThan(100);
    expect(inflateBounded(packed, text.length)).toEqual({ ok: true, bytes: text });
  });

  it('refuses an inflation bomb before spending the memory', () => {
    // 4 MiB of zeros deflates to about 4 KB; the cap is 1 MiB.
    const bomb = deflateBytes(new Uint8Array(4 << 20));
    expect(bomb.length).toBeLessThan(5_000);
    expect(inflateBounded(bomb, 1 << 20)).toEqual({
      ok: false,
      code: 'too-large',
      message: 'permalink payload inflates to more than 1048576 bytes; refusing to open it',
    });
  });

  it('accepts output of exactly the cap and refuses one byte more', () => {
    const packed = deflateBytes(new Uint8Array(1000).fill(7));
    expect(inflateBounded(packed, 1000).ok).toBe(true);
    expect(inflateBounded(packed, 999)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('reports truncated data', () => {
    const packed = deflateBytes(new TextEncoder().encode('xsaveopt64 0x40(%r12) '.repeat(20)));
    expect(inflateBounded(packed.subarray(0, packed.length - 3), 1 << 20)).toEqual({
      ok: false,
      code: 'bad-deflate',
      message: 'permalink payload is not valid DEFLATE data (unexpected EOF)',
    });
  });

  it('reports a reserved block type', () => {
    // First byte 0b111: BFINAL=1, BTYPE=3 (reserved).
    expect(inflateBounded(new Uint8Array([0x07, 0, 0]), 1 << 20)).toEqual({
      ok: false,
      code: 'bad-deflate',
      message: 'permalink payload is not valid DEFLATE data (invalid block type)',
    });
  });
});
