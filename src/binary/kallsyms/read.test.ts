import { describe, expect, it } from 'vitest';
import {
  buildKallsyms,
  REGION_ADDR,
  sampleSymbols,
  type KallsymsLayout,
} from '../../../fixtures/hostile/kallsymsImage';
import { SymbolIndex } from '../elf/kallsyms';
import { byteFlips, truncations } from '../mutate';
import { readKallsyms } from './read';

const region = (bytes: Uint8Array) => ({ name: '.rodata', bytes, addr: REGION_ADDR });
const addrOf = (c: { hi: Uint32Array; lo: Uint32Array }, i: number) =>
  (BigInt(c.hi[i]!) << 32n) | BigInt(c.lo[i]!);

describe('readKallsyms', () => {
  const modes: [KallsymsLayout, string][] = [
    ['6.1', 'absolute-percpu'],
    ['6.12', 'absolute-percpu'],
    ['7.x', 'pc-relative'],
  ];
  for (const [layout, mode] of modes) {
    it(`finds and decodes the ${layout} layout (${mode}) with no symbol to start from`, () => {
      const symbols = sampleSymbols(layout);
      const r = readKallsyms(region(buildKallsyms(symbols, layout)));
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      const k = r.value;
      expect(k.mode).toBe(mode);
      const c = k.columns;
      expect(c.count).toBe(symbols.length);
      const got = symbols.map((_, i) => ({ type: k.type(i), name: c.name(i), addr: addrOf(c, i) }));
      expect(got).toEqual(symbols);
      const at = (name: string) => symbols.findIndex((s) => s.name === name);
      expect([c.indexOf('nop_func'), c.indexOf('BUG_func'), c.indexOf('absent')]).toEqual([
        at('nop_func'),
        at('BUG_func'),
        -1,
      ]);
      expect(c.weak[symbols.length - 2]).toBe(1);
      // %pS: the first alias in kallsyms order, sized to the next address.
      const names = new SymbolIndex(c);
      expect(names.format(0xffffffff81000004n)).toBe('_stext+0x4/0x1000');
      expect(names.lookup('x86_cap_flags')).toBe(0xffffffff82400000n);
    });
  }

  it('falls back to a full scan when no quick way applies (6.1, base not page-aligned)', () => {
    const symbols = sampleSymbols('6.1').map((s) => (s.addr ? { ...s, addr: s.addr + 0x10n } : s));
    const r = readKallsyms(region(buildKallsyms(symbols, '6.1')));
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(symbols.map((_, i) => addrOf(r.value.columns, i))).toEqual(symbols.map((s) => s.addr));
  });

  it('says what it could not find, in one line', () => {
    const symbols = sampleSymbols('7.x');
    const good = buildKallsyms(symbols, '7.x');
    const first = (b: Uint8Array) => {
      const r = readKallsyms(region(b));
      expect(r.ok).toBe(false);
      return r.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`);
    };
    expect(first(new Uint8Array(4096))).toEqual([
      'warning no-kallsyms: .rodata: no kallsyms token table found',
    ]);
    // A marker that disagrees with the walk: the names are not accepted.
    const r = readKallsyms(region(good));
    if (!r.ok) throw new Error('seed');
    const bad = good.slice();
    bad.fill(bad[r.value.at.markers + 4]! ^ 1, r.value.at.markers + 4, r.value.at.markers + 5);
    expect(first(bad)).toEqual([
      'warning no-kallsyms: .rodata: a kallsyms token table but no name stream that matches its markers',
    ]);
    // Offsets out of order: no layout decodes.
    const jumbled = good.slice();
    jumbled.fill(0xff, r.value.at.offsets + 40, r.value.at.offsets + 44);
    expect(first(jumbled)).toEqual([
      `warning no-kallsyms: .rodata: kallsyms names found (${symbols.length}) but no offsets table decodes`,
    ]);
  });

  it('mutants give a table or a warning, never a throw', () => {
    const seed = buildKallsyms(sampleSymbols('6.1'), '6.1');
    for (const t of truncations(seed, 23)) readKallsyms(region(t));
    for (const m of byteFlips(seed, 400, 7)) {
      const r = readKallsyms(region(m));
      if (r.ok) for (let i = 0; i < r.value.columns.count; i++) r.value.columns.name(i);
      else expect(r.diagnostics[0]!.message).toMatch(/^\.rodata: /);
    }
  });
});
