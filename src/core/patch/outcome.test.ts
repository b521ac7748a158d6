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
import type { PatchLoop, Site } from '../model';
import { buildSimulateOptions } from '../review/context';
import { describeOutcome } from './outcome';

const deps = makeReviewDeps('7.2');
afterAll(() => deps.dispose());

/** Each entry's outcome in words after running `loop` on a one-site table. */
function outcomes(site: Site, loop: PatchLoop, features: number[] = []): string[] {
  const table = makeTable('6.12', [site], features);
  const r = deps.simulate(table, buildSimulateOptions(table, loop), deps.decoder).sites[0]!;
  return r.verdicts.map((v) => describeOutcome(v.outcome));
}

describe('entry outcomes say what each entry did under the loop that ran', () => {
  it('multi-pass ordering bug under Xen PV: #0 written, then the BUG on #1', () => {
    expect(outcomes(orderingBugSite(), 'multi-pass', [XENPV])).toEqual([
      'written last',
      'BUG while writing',
    ]);
  });

  it('single-pass ordering bug under Xen PV: #1 is the winner, #0 superseded', () => {
    expect(outcomes(orderingBugSite(), 'single-pass', [XENPV])).toEqual([
      'eligible but superseded by #1',
      'the winner',
    ]);
  });

  it('multi-pass read_cr2 natively: #0 written, then overwritten by #1', () => {
    expect(outcomes(pvReadCr2Site(), 'multi-pass')).toEqual([
      'written (then overwritten by #1)',
      'written last',
    ]);
  });

  it('not eligible entries, in both loops', () => {
    expect(outcomes(xsaveSite(), 'single-pass', [XSAVEOPT])).toEqual([
      'the winner',
      'not eligible',
      'not eligible',
    ]);
    expect(outcomes(xsaveSite(), 'multi-pass', [XSAVEOPT, XSAVEC])).toEqual([
      'written (then overwritten by #1)',
      'written last',
      'not eligible',
    ]);
  });
});
