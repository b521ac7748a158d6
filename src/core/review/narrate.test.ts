import { afterAll, describe, expect, it } from 'vitest';
import { makeReviewDeps } from '../../../fixtures/review/deps';
import {
  makeTable,
  orderingBugSite,
  pvReadCr2Site,
  XENPV,
  xsaveSite,
  XSAVEOPT,
} from '../../../fixtures/review/tables';
import type { Site } from '../model';
import { buildSimulateOptions, FEATURE_ALWAYS } from './context';
import { diffScenarios } from './diffScenarios';
import { narrateSite } from './narrate';

const deps = makeReviewDeps('7.2');
afterAll(() => deps.dispose());

function narrate(
  site: Site,
  kernel: '6.12' | '7.2',
  loop: 'single-pass' | 'multi-pass',
  features: number[],
) {
  const table = makeTable(kernel, [site], features);
  const result = deps.simulate(table, buildSimulateOptions(table, loop), deps.decoder).sites[0]!;
  return narrateSite(site, result, new Set([...features, FEATURE_ALWAYS]), loop, deps);
}

describe('narrateSite', () => {
  it('tells the XSAVE story in plain words', () => {
    expect(narrate(xsaveSite(), '7.2', 'single-pass', [XSAVEOPT])).toEqual([
      'XSAVEOPT is on, XSAVEC is off, XSAVES is off: the last eligible entry is XSAVEOPT (entry #0), so it alone is written, once.',
      "The site's 6 bytes end up as xsaveopt64 0x40(%r12).",
    ]);
  });

  it('tells the ordering bug under multi-pass, with the BUG', () => {
    expect(narrate(orderingBugSite(), '6.12', 'multi-pass', [XENPV])).toEqual([
      'ALWAYS is always on, XENPV is on: multi-pass writes every eligible entry in table order: ALWAYS (entry #0) written last, then XENPV (entry #1) BUG while writing.',
      "The site's 6 bytes end up as mov %cr2, %rax; nopl (%rax).",
      'But the kernel BUGs here: ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
    ]);
  });

  it('tells what each entry did when multi-pass writes one over the other', () => {
    expect(narrate(pvReadCr2Site(), '6.12', 'multi-pass', [])[0]).toBe(
      'ALWAYS is always on, XENPV is off: multi-pass writes every eligible entry in table order: ALWAYS (entry #0) written (then overwritten by #1), then NOT XENPV (entry #1) written last.',
    );
  });

  it('tells the DIRECT_CALL rewrite and the relocation', () => {
    expect(narrate(pvReadCr2Site(), '7.2', 'single-pass', [XENPV])).toEqual([
      'ALWAYS is always on, XENPV is on: the last eligible entry is ALWAYS (entry #0), so it alone is written, once.',
      'Its DIRECT_CALL reads the pv_ops slot at 0xffffffff82a00040 through the original indirect call and calls xen_read_cr2 directly.',
      "The site's 6 bytes end up as call 0xffffffff81202b30; nop.",
      '1 displacement was relocated so branches and RIP-relative operands keep their targets after the move.',
    ]);
  });
});

describe('diffScenarios', () => {
  it('labels both sides and lists only the sites whose outcome changed', () => {
    const table = makeTable('7.2', [xsaveSite(), pvReadCr2Site()]);
    const run = (f: number[]) =>
      deps.simulate(table, buildSimulateOptions(table, 'single-pass', f), deps.decoder);
    const d = diffScenarios(run([]), run([XSAVEOPT]), 'qemu64', 'Skylake-Client');
    expect([d.leftLabel, d.rightLabel, d.unchanged]).toEqual(['qemu64', 'Skylake-Client', 1]);
    expect(
      d.sites.map((s) => [s.addr.toString(16), s.changes, s.left?.selected, s.right?.selected]),
    ).toEqual([['ffffffff81283cd3', ['selected', 'final'], null, 0]]);
    const shorter = { ...run([]), sites: run([]).sites.slice(0, 1) };
    // A side with a subset of the sites: only the common ones are compared, the rest counted.
    const subset = diffScenarios(run([]), shorter);
    expect([subset.sites, subset.unchanged, subset.subset]).toEqual([
      [],
      1,
      { side: 'right', missing: 1 },
    ]);
  });
});
