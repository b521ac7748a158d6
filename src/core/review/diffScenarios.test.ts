import { afterAll, describe, expect, it } from 'vitest';
import { makeReviewDeps } from '../../../fixtures/review/deps';
import {
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
import { diffScenarioRuns } from './diffScenarios';

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
});
