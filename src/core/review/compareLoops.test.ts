import { afterAll, describe, expect, it } from 'vitest';
import {
  innerLongOuterSite,
  makeTable,
  nested2Site,
  orderingBugSite,
  pvReadCr2Site,
  XENPV,
  xsaveSite,
  XSAVEC,
} from '../../../fixtures/review/tables';
import { createDecoder } from '../../disasm/node';
import { simulate } from '../patch/simulate';
import { toHex } from './bytes';
import { compareLoops } from './compareLoops';

const decoder = createDecoder();
afterAll(() => decoder.dispose());
const deps = { simulate, decoder };

describe('compareLoops', () => {
  it('names the ordering bug: an earlier write destroyed the indirect call DIRECT_CALL needed', () => {
    const cmp = compareLoops(makeTable('6.12', [orderingBugSite()], [XENPV]), deps);
    expect(cmp.differing).toHaveLength(1);
    const site = cmp.differing[0]!;
    // Kernel results of vector xen_direct_call_outer_bug.
    expect(toHex(site.single.final)).toBe('e82b1b200090');
    expect(toHex(site.multi.final)).toBe('0f20d00f1f00');
    expect(site.finalsDiffer).toBe(true);
    expect(site.diagnosticsDiffer).toBe(true);
    expect(site.reasons.map((r) => r.cause)).toEqual(['direct-call-order']);
    expect(site.reasons[0]!.detail).toBe(
      'entry #0 wrote first: DIRECT_CALL entry #1 (8*32+16) needed the original call *disp(%rip) (ff 15 3a f0 9f 01) but found 0f 20 d0 0f 1f 00',
    );
  });

  it('agrees without XENPV: same final bytes, nothing to report', () => {
    const cmp = compareLoops(makeTable('6.12', [orderingBugSite()]), deps);
    expect(cmp.differing).toEqual([]);
    expect(cmp.intermediateOnly).toEqual([]);
  });

  it('names padding: the group-maxed instrlen breaks the DIRECT_CALL check', () => {
    const cmp = compareLoops(makeTable('7.2', [innerLongOuterSite()], [XENPV]), deps);
    const site = cmp.differing[0]!;
    expect(toHex(site.single.final)).toBe('e82b1b20000f1f00');
    expect(site.multi.diagnostics.map((d) => d.code)).toEqual(['kernel-bug-direct-call-original']);
    expect(site.reasons.map((r) => r.cause)).toEqual(['padding']);
  });

  it('reports intermediate-only sites separately, with the state that was live', () => {
    // pv_read_cr2_native: multi-pass first writes the direct call, then mov %cr2.
    const cmp = compareLoops(makeTable('6.12', [pvReadCr2Site(), xsaveSite()], [XSAVEC]), deps);
    expect(cmp.differing).toEqual([]);
    expect(cmp.intermediateOnly).toHaveLength(1);
    const site = cmp.intermediateOnly[0]!;
    expect(toHex(site.multi.final)).toBe('0f20d00f1f00');
    expect(site.intermediates.map((w) => [w.entry, toHex(w.bytes)])).toEqual([[0, 'e82b1b200090']]);
    expect(site.reasons.map((r) => r.cause)).toEqual(['intermediate-visible']);
  });

  it('does not count NOP-only passes over the original as intermediate', () => {
    // nested2 with FB only: entry #0 is ineligible (NOP pass over the original), entry #1 applies.
    const cmp = compareLoops(makeTable('6.12', [nested2Site()], [11 * 32 + 12]), deps);
    expect(cmp.multi.sites[0]!.writes.map((w) => w.kind)).toEqual(['optimize-nops', 'apply']);
    expect(cmp.intermediateOnly).toEqual([]);
  });
});
