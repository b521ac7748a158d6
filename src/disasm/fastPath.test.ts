import { afterAll, describe, expect, it } from 'vitest';
import type { DecodedInsn } from '../core/ports';
import { withFastPath } from './fastPath';
import { createIcedDecoder } from './node';

const iced = createIcedDecoder();
afterAll(() => iced.dispose());

/** The fast path with a fallback that counts how often it is asked. */
function counted() {
  let fallbacks = 0;
  const fast = withFastPath(() => ({
    decode: (b: Uint8Array, o: number, e: number): DecodedInsn => {
      fallbacks++;
      return iced.decode(b, o, e);
    },
  }));
  return { fast, fallbacks: () => fallbacks };
}

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

/** A small deterministic generator (xorshift32), so a failure names a reproducible input. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) & 0xff;
  };
}

const PREFIXES = [0x66, 0xf3, 0xf2, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65, 0xf0, 0x67];

describe('the fast path answers exactly as iced-x86 does', () => {
  it('on the instructions of real alternatives sites, without the fallback', () => {
    const { fast, fallbacks } = counted();
    const insns = [
      '90',
      'cc',
      '4889f8',
      'fb',
      '9c',
      '58',
      'fa',
      '0f01ca',
      '0f01cb',
      '0faee8',
      'c60700',
      '48b800f0ffffff7f0000',
      'f3480fb8c7',
      'f30fb8c7',
      '0f01f9',
      'eb0a',
      '0f31',
      'e801000000',
      'e9fcffffff',
      '48c1e903',
      'f348ab',
      '0f20d8',
      '0f22df',
      '31c0',
      '0f09',
      'f3aa',
      '0f1f00',
      '0f1f4000',
      '0f1f440000',
      '660f1f440000',
      '0f1f8000000000',
      '0f1f840000000000',
      '660f1f840000000000',
      '662e0f1f840000000000',
      '488b05f8ffffff',
      '48c705f0ffffff01000000',
      '0f8501000000',
      '490fae6c2440',
      '490fae642440',
      '0fae38',
      '8d0500000000',
      'ff2500000000',
      'ff15f8ffffff',
      '65488b042500000000',
      '803d0000000001',
      'f390',
    ];
    for (const h of insns) {
      const bytes = hex(h);
      expect(fast.decode(bytes, 0, bytes.length), h).toEqual(iced.decode(bytes, 0, bytes.length));
      expect(fast.decode(bytes, 0, bytes.length).length, h).toBe(bytes.length);
    }
    expect(fallbacks()).toBe(0);
  });

  it('on 300,000 random instructions (prefixes, REX, any opcode, random operand bytes)', () => {
    const { fast, fallbacks } = counted();
    const next = rng(0x13);
    const buf = new Uint8Array(24);
    let answered = 0;
    for (let n = 0; n < 300_000; n++) {
      let p = 0;
      const prefixes = next() % 4 === 0 ? next() % 5 : 0;
      for (let k = 0; k < prefixes; k++) buf[p++] = PREFIXES[next() % PREFIXES.length]!;
      if (next() % 3 === 0) buf[p++] = 0x40 | (next() & 15);
      if (next() % 3 === 0) buf[p++] = 0x0f;
      for (; p < buf.length; p++) buf[p] = next();
      // Windows shorter than the instruction too: iced refuses what runs past `end`.
      const end = next() % 4 === 0 ? 1 + (next() % 12) : buf.length;
      const before = fallbacks();
      const got = fast.decode(buf, 0, end);
      if (fallbacks() === before) {
        answered++;
        const want = iced.decode(buf, 0, end);
        if (JSON.stringify(got) !== JSON.stringify(want))
          expect({ bytes: Buffer.from(buf.subarray(0, end)).toString('hex'), got }).toEqual({
            bytes: Buffer.from(buf.subarray(0, end)).toString('hex'),
            got: want,
          });
      }
    }
    // The table must answer a good share of random input, or this test checks little.
    expect(answered).toBeGreaterThan(100_000);
  });

  it('leaves truncated, VEX, LOCK and 67-prefixed instructions to the fallback', () => {
    for (const h of ['e80000', 'c5f877', 'f0ff00', '67e800000000', '0fae', '48']) {
      const { fast, fallbacks } = counted();
      const bytes = hex(h);
      expect(fast.decode(bytes, 0, bytes.length)).toEqual(iced.decode(bytes, 0, bytes.length));
      expect(fallbacks(), h).toBe(1);
    }
  });
});
