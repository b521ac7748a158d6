import { describe, expect, it } from 'vitest';
import { toAddr } from '../model';
import { kept, poke } from './poke';
import { recordWrote } from './recordBytes';
import { RegionImage } from './textImage';

const TEXT = 0xffffffff81000000n;
const t = (off: number) => toAddr(TEXT + BigInt(off));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function image() {
  const text = Uint8Array.from({ length: 0x30000 }, (_, i) => (i * 7) & 0xff);
  return new RegionImage([{ name: '.text', addr: toAddr(TEXT), bytes: text }]);
}

describe('pass records in shared chunks', () => {
  it('keep copies of the bytes before and after, whatever changes later', () => {
    const img = image();
    const code = Uint8Array.of(0xc3, 0xcc, 0xcc, 0xcc, 0xcc);
    const r = poke(img, 'returns', t(0x10), code, 'ret; int3');
    code.fill(0);
    img.write(t(0x10), Uint8Array.of(0x90, 0x90, 0x90, 0x90, 0x90));
    expect([r.pass, r.addr, r.what]).toEqual(['returns', t(0x10), 'ret; int3']);
    expect(hex(r.before)).toBe('70777e858c');
    expect(hex(r.after)).toBe('c3cccccccc');
    expect(recordWrote(r)).toBe(true);
    const k = kept(img, 'jump-labels', t(0x20), 2, 'nop (initial state)');
    expect([hex(k.before), hex(k.after), recordWrote(k)]).toEqual(['e0e7', 'e0e7', false]);
  });

  it('keep their bytes apart across many chunks (150k records, as a 7.2 boot writes)', () => {
    const img = image();
    const recs = [];
    for (let i = 0; i < 150_000; i++) {
      const off = (i * 13) % 0x2fff0;
      const bytes = Uint8Array.of(i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff);
      recs.push({ i, off, r: poke(img, 'ftrace', t(off), bytes, 'x') });
    }
    for (const { i, r } of [recs[0]!, recs[5041]!, recs[21845]!, recs[149_999]!]) {
      expect(hex(r.after)).toBe(hex(Uint8Array.of(i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff)));
      expect(r.before.length).toBe(3);
    }
  });

  it('tell a rewrite from bytes written back unchanged', () => {
    const img = image();
    const same = poke(img, 'smp-locks', t(0x40), img.read(t(0x40), 2)!, 'same bytes');
    expect([hex(same.before), hex(same.after), recordWrote(same)]).toEqual(['c0c7', 'c0c7', false]);
    const plain = { ...same, before: Uint8Array.of(1), after: Uint8Array.of(1, 2) };
    expect(recordWrote(plain)).toBe(true);
  });

  it('record an empty after for a write outside the image', () => {
    const r = poke(image(), 'returns', toAddr(TEXT - 16n), Uint8Array.of(0xc3), 'ret');
    expect([r.before.length, r.after.length, recordWrote(r)]).toEqual([0, 0, false]);
  });
});
