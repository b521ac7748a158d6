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
import { toHex } from './bytes';
import { buildSimulateOptions } from './context';
import { buildTimeline } from './timeline';

const deps = makeReviewDeps('6.12');
afterAll(() => deps.dispose());

function run(site = pvReadCr2Site(), loop: 'single-pass' | 'multi-pass', features: number[] = []) {
  const table = makeTable('6.12', [site], features);
  const report = deps.simulate(table, buildSimulateOptions(table, loop), deps.decoder);
  return buildTimeline(site, report.sites[0]!, loop, deps);
}

describe('buildTimeline, multi-pass', () => {
  it('lists each write with its bytes and disassembly, flagging the intermediate one', () => {
    const t = run(pvReadCr2Site(), 'multi-pass');
    expect(t.steps.map((s) => [s.kind, s.entry, toHex(s.before!), toHex(s.after!)])).toEqual([
      ['write', 0, 'ff153af09f01', 'e82b1b200090'],
      ['write', 1, 'e82b1b200090', '0f20d00f1f00'],
    ]);
    const [first, second] = t.steps;
    expect(first!.afterInsns!.map((i) => i.text)).toEqual(['call 0xffffffff81202b30', 'nop']);
    expect(first!.intermediate).toBe(true);
    expect(first!.boundariesDiffer).toBe(true); // 5+1 vs 3+3
    expect(second!.intermediate).toBe(false);
    expect(second!.boundariesDiffer).toBe(false);
    // Write 1 leaves other boundaries live; write 2 cuts the call's return address (+5) in half.
    expect(t.steps.map((s) => s.resumeHazards)).toEqual([[], [5]]);
    expect(t.flagged).toEqual([0, 1]);
  });

  it('finds the half-written states an interrupt could see, and which are hybrids', () => {
    const t = run(pvReadCr2Site(), 'multi-pass');
    const torn = t.steps[1]!.torn!;
    // e8 2b 1b 20 00 90 → 0f 20 d0 0f 1f 00: every byte changes, 5 distinct half-done states.
    expect(torn.map((s) => [s.written, toHex(s.bytes), s.decodesDifferently])).toEqual([
      [1, '0f2b1b200090', true],
      [2, '0f201b200090', true],
      [3, '0f20d0200090', true],
      [4, '0f20d00f0090', true],
      [5, '0f20d00f1f90', true],
    ]);
  });

  it('ends with the BUG under the ordering bug', () => {
    const t = run(orderingBugSite(), 'multi-pass', [XENPV]);
    expect(t.steps.map((s) => s.kind)).toEqual(['write', 'bug']);
    expect(t.steps[1]!.explanation).toBe('ALT_FLAG_DIRECT_CALL set for unrecognized indirect call');
  });
});

describe('buildTimeline, single-pass', () => {
  it('explains every step and reconstructs the buffer between them', () => {
    const t = run(orderingBugSite(), 'single-pass', [XENPV]);
    expect(t.steps.map((s) => s.kind)).toEqual([
      'evaluate',
      'choose',
      'build',
      'direct-call',
      'pad',
      'relocate',
      'optimize-nops',
      'write',
    ]);
    const bytes = t.steps.map((s) => (s.after ? toHex(s.after) : null));
    expect(bytes).toEqual([
      null,
      null,
      'e8f8ffbffe', // call BUG_func, as linked at the replacement
      'e8282ba0fe', // call xen_read_cr2, relative to the replacement at 0xffffffff82800003
      'e8282ba0fe90',
      'e82b1b200090', // relocated to the site
      'e82b1b200090', // a lone trailing NOP is left alone
      'e82b1b200090',
    ]);
    expect(t.steps[1]!.explanation).toBe(
      'the last eligible entry wins: entry #1 (XENPV); the site is 6 bytes (the longest instrlen)',
    );
    expect(t.steps[3]!.explanation).toBe(
      'the pointer slot 0xffffffff82a00040 (read from the original call *disp(%rip)) holds xen_read_cr2: call BUG_func becomes call xen_read_cr2',
    );
    expect(t.steps.filter((s) => s.live)).toHaveLength(1);
    // The one write replaces a single instruction: its byte-wise states are hybrids, but no
    // interrupt sees them (interrupts are off during the copy), so nothing is flagged.
    const write = t.steps.at(-1)!;
    expect(write.torn!.filter((s) => s.decodesDifferently)).toHaveLength(5);
    expect(write.resumeHazards).toEqual([]);
    expect(t.flagged).toEqual([]);
  });

  it('shows NOP optimisation undone and redone for a site where nothing is eligible', () => {
    const site = xsaveSite();
    const t = run(site, 'single-pass');
    expect(t.steps.map((s) => s.kind)).toEqual(['evaluate', 'choose', 'optimize-nops', 'write']);
    expect(t.steps[2]!.explanation).toBe('no NOP run to merge');
    const on = run(site, 'single-pass', [XSAVEOPT]);
    expect(toHex(on.steps.at(-1)!.after!)).toBe('490fae742440');
    expect(on.steps.at(-1)!.afterInsns!.map((i) => i.text)).toEqual(['xsaveopt64 0x40(%r12)']);
    expect(on.flagged).toEqual([]); // same boundaries; the only byte-wise state changing is one byte
  });
});
