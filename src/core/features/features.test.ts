import { describe, expect, it } from 'vitest';
import { KERNEL_VERSIONS } from '../model';
import {
  CPU_PRESET_NAMES,
  CPU_PRESETS,
  formatFeature,
  getCatalogue,
  getCpuPreset,
  parseCpuinfo,
  parseFeature,
  parseFeatureList,
} from './index';

describe('parseFeature', () => {
  it.each([
    ['X86_FEATURE_XSAVEOPT', 320],
    ['XSAVEOPT', 320],
    ['xsaveopt', 320],
    ['10*32+0', 320],
    ['320', 320],
    ['X86_BUG_SPECTRE_V2', 22 * 32 + 16],
    ['spectre_v2', 22 * 32 + 16],
    ['SRSO', 11 * 32 + 24],
    ['X86_BUG_SRSO', 23 * 32 + 0],
    ['ALWAYS', 117],
  ])('%s → %i (7.2)', (spec, index) => {
    expect(parseFeature(spec, '7.2')).toEqual({ ok: true, index });
  });
  it('names the unknown feature', () => {
    expect(parseFeature('FOO', '7.2')).toEqual({ ok: false, message: 'unknown feature "FOO"' });
  });
  it('refuses indices the kernel would BUG on and bits above 31', () => {
    expect(parseFeature('768', '7.2')).toEqual({
      ok: false,
      message: 'feature index 768 ("768") out of range: 7.2 has 768 bits',
    });
    expect(parseFeature('3*32+40', '7.2')).toEqual({
      ok: false,
      message: 'bit 40 out of range in "3*32+40" (0..31)',
    });
  });
  it("carries each kernel's word counts", () => {
    expect(parseFeature('LFENCE_RDTSC', '6.12')).toEqual({ ok: true, index: 20 * 32 + 2 });
    expect([getCatalogue('6.12').NCAPINTS, getCatalogue('6.12').NBUGINTS]).toEqual([22, 2]);
    expect(getCatalogue('7.2').maxIndexExclusive).toBe(768);
  });
  it('6.1 has its own numbering (6.1.192: NCAPINTS 22), 7.3 adds and frees bits', () => {
    expect(parseFeature('LFENCE_RDTSC', '6.1')).toEqual({ ok: true, index: 3 * 32 + 18 });
    expect([getCatalogue('6.1').NCAPINTS, getCatalogue('6.1').NBUGINTS]).toEqual([22, 2]);
    expect(getCatalogue('6.1').byIndex.get(22 * 32 + 6)?.macro).toBe('X86_BUG_FXSAVE_LEAK');
    expect(parseFeature('SM2', '7.3')).toEqual({ ok: true, index: 5 * 32 + 0 });
    expect(parseFeature('DPTI', '7.3')).toEqual({ ok: true, index: 14 * 32 + 24 });
    expect(parseFeature('SM2', '7.2').ok).toBe(false);
    expect([parseFeature('UP', '7.2').ok, parseFeature('UP', '7.3').ok]).toEqual([true, false]);
    expect(getCatalogue('7.3').words['5']).toMatch(/word 5/);
  });
});

describe('parseFeatureList / formatFeature', () => {
  it('splits on commas, spaces and newlines and reports each bad item with its offset', () => {
    const r = parseFeatureList('XSAVEOPT, 10*32+1\nBOGUS xsaves # comment\n', '7.2');
    expect(r.indices).toEqual([320, 321, 323]);
    expect(r.errors).toEqual([{ item: 'BOGUS', offset: 18, message: 'unknown feature "BOGUS"' }]);
  });
  it('formats like the kernel prints feature numbers', () => {
    expect(formatFeature(320, '7.2')).toEqual({
      spec: '10*32+0',
      name: 'XSAVEOPT',
      macro: 'X86_FEATURE_XSAVEOPT',
    });
    expect(formatFeature(22 * 32 + 5, '7.2').spec).toBe('22*32+5');
  });
});

describe('parseCpuinfo', () => {
  it('reads flags and bugs lines separately (monitor is MWAIT in flags, X86_BUG_MONITOR in bugs)', () => {
    const r = parseCpuinfo(
      'processor\t: 0\nflags\t\t: fpu monitor zzz\nbugs\t\t: monitor\n',
      '7.2',
    );
    expect(r.indices).toEqual([0, 4 * 32 + 3, 22 * 32 + 12]);
    expect(r.unknown).toEqual([{ name: 'zzz', line: 2, column: 22, bug: false }]);
  });
});

describe('CPU presets', () => {
  it('every preset item is a valid feature of its kernel', () => {
    for (const kernel of KERNEL_VERSIONS) {
      for (const cpu of CPU_PRESET_NAMES) {
        expect(getCpuPreset(kernel, cpu).length).toBe(CPU_PRESETS[kernel][cpu].length);
      }
    }
    expect(getCpuPreset('7.2', 'qemu64')).toContain(117);
  });

  it('6.1 and 7.3 presets name only features their catalogues have', () => {
    for (const kernel of ['6.1', '7.3'] as const) {
      const cat = getCatalogue(kernel);
      for (const cpu of CPU_PRESET_NAMES) {
        const unknown = getCpuPreset(kernel, cpu).filter((i) => !cat.byIndex.has(i));
        expect([kernel, cpu, unknown]).toEqual([kernel, cpu, []]);
      }
    }
  });
});
