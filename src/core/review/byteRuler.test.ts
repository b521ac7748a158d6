import { afterAll, describe, expect, it } from 'vitest';
import { makeReviewDeps } from '../../../fixtures/review/deps';
import { innerLongOuterSite, makeTable, nested2Site } from '../../../fixtures/review/tables';
import { buildByteRuler } from './byteRuler';
import { buildSimulateOptions } from './context';

const deps = makeReviewDeps('7.2');
afterAll(() => deps.dispose());

describe('buildByteRuler', () => {
  it('lays out the nested2 site: no code, inner pads 3, outer pads 3 more, fix-up 3 for the inner', () => {
    const site = nested2Site();
    const r = buildByteRuler(site);
    expect(r.len).toBe(6);
    expect(r.codeLen).toBe(0);
    expect(r.segments).toEqual([
      { start: 0, end: 3, kind: 'padding', entry: 0 },
      { start: 3, end: 6, kind: 'padding', entry: 1 },
    ]);
    expect(r.entries.map((e) => [e.instrlen, e.replacementlen, e.fixup, e.overflow])).toEqual([
      [3, 3, 3, 0],
      [6, 6, 0, 0],
    ]);
  });

  it('keeps a 6-byte call as code and adds the merged NOP runs of a result', () => {
    const site = innerLongOuterSite();
    const table = makeTable('7.2', [site]);
    const result = deps.simulate(table, buildSimulateOptions(table, 'single-pass'), deps.decoder)
      .sites[0]!;
    const r = buildByteRuler(site, result);
    expect(r.codeLen).toBe(6);
    expect(r.segments).toEqual([
      { start: 0, end: 6, kind: 'code' },
      { start: 6, end: 8, kind: 'padding', entry: 1 },
    ]);
    expect(r.entries.map((e) => e.fixup)).toEqual([2, 0]);
    // Native: entry #1 (NOT XENPV) wins with 8 bytes: no NOP run; with XENPV the call leaves 3.
    expect(r.nopRuns).toEqual([]);
    const xen = makeTable('7.2', [site], [8 * 32 + 16]);
    const res2 = deps.simulate(xen, buildSimulateOptions(xen, 'single-pass'), deps.decoder)
      .sites[0]!;
    expect(buildByteRuler(site, res2).nopRuns).toEqual([{ start: 5, end: 8 }]);
  });
});
