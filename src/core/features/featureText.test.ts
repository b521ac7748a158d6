import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURES, capturesAvailable, REFERENCE_DIR } from '../../../fixtures/captures/loadCapture';
import { parseFeatureText } from './featureText';

describe('parseFeatureText', () => {
  it('reads a capture-form list: W*32+B per line, names, comments', () => {
    const r = parseFeatureText('# qemu64\n0*32+3\n10*32+0\nXSAVEC\n', '7.2');
    expect(r).toEqual({ form: 'list', indices: [3, 320, 10 * 32 + 1], problems: [] });
  });

  it('names what it could not read at its line:column', () => {
    const r = parseFeatureText('0*32+3\n  XSAVEOPTZ\n0*32+40\n', '7.2');
    expect(r.indices).toEqual([3]);
    expect(r.problems).toEqual([
      { line: 2, column: 3, message: 'unknown feature "XSAVEOPTZ"' },
      { line: 3, column: 1, message: 'bit 40 out of range in "0*32+40" (0..31)' },
    ]);
  });

  it('takes /proc/cpuinfo when it has a flags line', () => {
    const r = parseFeatureText('processor : 0\nflags : fpu xsaveopt nosuchflag\n', '7.2');
    expect(r.form).toBe('cpuinfo');
    expect(r.indices).toEqual([0, 320]);
    expect(r.problems).toEqual([
      { line: 2, column: 22, message: 'flag "nosuchflag" unknown to 7.2' },
    ]);
  });
});

describe.skipIf(!capturesAvailable())('parseFeatureText on the real captures', () => {
  for (const { kernel, dir } of CAPTURES) {
    const base = join(REFERENCE_DIR, 'captures', dir);
    const files = [
      join(base, 'qemu64', 'features.txt'),
      ...['qemu64', 'max', 'EPYC', 'Skylake-Client'].map((c) =>
        join(base, 'cpu-features', `${c}.txt`),
      ),
    ].filter((f) => existsSync(f));
    it.each(files)(`${kernel}: %s reads whole, every W*32+B line once`, (file) => {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
      const r = parseFeatureText(text, kernel);
      expect(r.problems).toEqual([]);
      expect(r.form).toBe('list');
      expect(r.indices.map((i) => `${Math.floor(i / 32)}*32+${i % 32}`)).toEqual(lines);
    });
  }
});
