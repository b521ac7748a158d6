import { afterAll, describe, expect, it } from 'vitest';
import { makeReviewDeps } from '../../../fixtures/review/deps';
import {
  FA,
  makeSite,
  makeTable,
  orderingBugSite,
  pvReadCr2Site,
  XENPV,
  xsaveSite,
  XSAVEC,
  XSAVEOPT,
} from '../../../fixtures/review/tables';
import { toHex } from './bytes';
import { buildSimulateOptions } from './context';
import { describeSubset, diffScenarioRuns } from './diffScenarios';

const deps = makeReviewDeps('7.2');
afterAll(() => deps.dispose());

describe('diffScenarioRuns', () => {
  it('simulates both sides with their own features and lists the changed site with both finals', () => {
    const table = makeTable('7.2', [xsaveSite(), pvReadCr2Site()]);
    const d = diffScenarioRuns(
      {
        label: 'current',
        table,
        options: buildSimulateOptions(table, 'single-pass', [XSAVEOPT, XSAVEC]),
      },
      { label: 'link', table, options: buildSimulateOptions(table, 'single-pass', [XSAVEOPT]) },
      deps,
    );
    expect([d.leftLabel, d.rightLabel, d.unchanged]).toEqual(['current', 'link', 1]);
    expect(
      d.sites.map((s) => [
        s.addr.toString(16),
        s.changes,
        s.left?.selected,
        toHex(s.left!.final),
        s.right?.selected,
        toHex(s.right!.final),
      ]),
    ).toEqual([['ffffffff81283cd3', ['selected', 'final'], 1, '490fc7642440', 0, '490fae742440']]);
  });

  it('names every changed outcome when the loops differ on the ordering bug', () => {
    const table = makeTable('7.2', [orderingBugSite()], [XENPV]);
    const d = diffScenarioRuns(
      { label: 'single', table, options: buildSimulateOptions(table, 'single-pass') },
      { label: 'multi', table, options: buildSimulateOptions(table, 'multi-pass') },
      deps,
    );
    // Single-pass: XENPV's call wins. Multi-pass: ALWAYS's bytes stay and the kernel BUGs.
    expect(d.sites.map((s) => [s.changes, s.left?.selected, s.right?.selected])).toEqual([
      [['selected', 'final', 'diagnostics'], 1, 0],
    ]);
    expect(d.sites[0]!.right!.diagnostics.map((x) => x.code)).toEqual([
      'kernel-bug-direct-call-original',
    ]);
  });

  it('a link carrying a subset of the sites compares only those, and counts the rest apart', () => {
    const lfence = makeSite(0xffffffff81002000n, '90 90 90', [
      { feature: FA, instrlen: 3, repl: '0f ae e8' },
    ]);
    const whole = makeTable('7.2', [orderingBugSite(), lfence, xsaveSite()]);
    const link = makeTable('7.2', [orderingBugSite()]);
    const d = diffScenarioRuns(
      { label: 'current', table: whole, options: buildSimulateOptions(whole, 'single-pass') },
      { label: 'link', table: link, options: buildSimulateOptions(link, 'multi-pass', [XENPV]) },
      deps,
    );
    expect([d.sites.map((s) => [s.addr.toString(16), s.changes]), d.unchanged, d.subset]).toEqual([
      [['ffffffff81001000', ['diagnostics']]],
      0,
      { side: 'right', missing: 2 },
    ]);
    expect(describeSubset(d)).toBe(
      '2 sites of current are not in link: only the sites both carry are compared.',
    );
    // The other way round, and two unrelated tables still list sites only on one side.
    const back = diffScenarioRuns(
      { label: 'link', table: link, options: buildSimulateOptions(link, 'single-pass') },
      { label: 'current', table: whole, options: buildSimulateOptions(whole, 'single-pass') },
      deps,
    );
    expect([back.sites.length, back.unchanged, back.subset]).toEqual([
      0,
      1,
      { side: 'left', missing: 2 },
    ]);
    const other = makeTable('7.2', [lfence, xsaveSite()]);
    const apart = diffScenarioRuns(
      { label: 'a', table: link, options: buildSimulateOptions(link, 'single-pass') },
      { label: 'b', table: other, options: buildSimulateOptions(other, 'single-pass') },
      deps,
    );
    expect([apart.sites.map((s) => s.changes), apart.subset]).toEqual([
      [['only-left'], ['only-right'], ['only-right']],
      undefined,
    ]);
  });
});
