import { afterAll, describe, expect, it } from 'vitest';
import { makeReviewDeps } from '../../../fixtures/review/deps';
import {
  FA,
  makeSite,
  makeTable,
  orderingBugSite,
  TEXT,
  XENPV,
  xsaveSite,
  XSAVEC,
  XSAVEOPT,
  XSAVES,
} from '../../../fixtures/review/tables';
import { toHex } from './bytes';
import { buildTruthTable } from './truthTable';

const deps = makeReviewDeps('7.2');
afterAll(() => deps.dispose());

describe('buildTruthTable', () => {
  it('groups all 2^3 combinations of the XSAVE site by final bytes', () => {
    const t = buildTruthTable(makeTable('7.2', []), xsaveSite(), '7.2', 'single-pass', deps);
    expect(t.features).toEqual([XSAVEOPT, XSAVEC, XSAVES]);
    expect(t.complete).toBe(true);
    const summary = t.groups.map((g) => [toHex(g.final), g.selected, g.rows.length]);
    expect(summary).toEqual([
      ['490fae642440', [null], 1], // xsave64: none on
      ['490fae742440', [0], 1], // xsaveopt64: XSAVEOPT only
      ['490fc7642440', [1], 2], // xsavec64: XSAVEC, XSAVES off
      ['490fc76c2440', [2], 4], // xsaves64 whenever XSAVES
    ]);
    expect(t.groups[2]!.rows).toEqual([
      [false, true, false],
      [true, true, false],
    ]);
    expect(t.neverWins).toEqual([]);
  });

  it('separates the BUG row of the ordering bug under multi-pass', () => {
    const t = buildTruthTable(makeTable('6.12', []), orderingBugSite(), '6.12', 'multi-pass', deps);
    expect(t.features).toEqual([XENPV]);
    expect(t.groups.map((g) => [toHex(g.final), g.diagnostics.map((d) => d.code), g.rows])).toEqual(
      [
        ['0f20d00f1f00', [], [[false]]],
        ['0f20d00f1f00', ['kernel-bug-direct-call-original'], [[true]]],
      ],
    );
    // Not "entry #1 never wins": multi-pass wrote #0, then BUG()ed on #1.
    expect(t.groups.map((g) => g.effects)).toEqual([
      ['#0 written last'],
      ['#0 written last, #1 BUG while writing'],
    ]);
    expect(t.entryOutcomes).toEqual([['written last'], ['not eligible', 'BUG while writing']]);
  });

  it('single-pass: each group names its winner, each entry what it did', () => {
    const t = buildTruthTable(makeTable('7.2', []), orderingBugSite(), '7.2', 'single-pass', deps);
    expect(t.groups.map((g) => g.effects)).toEqual([['#0 the winner'], ['#1 the winner']]);
    expect(t.entryOutcomes).toEqual([
      ['the winner', 'eligible but superseded by #1'],
      ['not eligible', 'the winner'],
    ]);
    expect(t.neverWins).toEqual([]);
  });

  it('marks entries that never win', () => {
    const site = makeSite(TEXT, '90 90 90', [
      { feature: FA, instrlen: 3, repl: '0f ae e8' },
      { feature: FA, instrlen: 3, repl: '0f ae f0' },
    ]);
    expect(
      buildTruthTable(makeTable('7.2', []), site, '7.2', 'single-pass', deps).neverWins,
    ).toEqual([0]);
  });

  it('beyond 12 features, says so and shows one row per possible winner', () => {
    const entries = Array.from({ length: 13 }, (_, i) => ({
      feature: 64 + i,
      instrlen: 3,
      repl: '0f ae e8',
    }));
    const t = buildTruthTable(
      makeTable('7.2', []),
      makeSite(TEXT, '90 90 90', entries),
      '7.2',
      'single-pass',
      deps,
    );
    expect(t.complete).toBe(false);
    expect(t.note).toBe(
      '13 features exceed 12: one representative combination per possible winner is shown instead of all 8192',
    );
    expect(t.groups.reduce((n, g) => n + g.rows.length, 0)).toBe(14);
    expect(t.groups.map((g) => toHex(g.final))).toEqual(['0f1f00', '0faee8']);
  });
});
