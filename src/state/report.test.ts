import { describe, expect, it } from 'vitest';
import { toHex } from '../core';
import { parseFeature } from '../core/features';
import type { PatchReport } from '../core/patch/report';
import { createReportSelector } from './report';
import { selectEffectiveFeatures, selectKernel, selectLoop } from './selectors';
import { createTestApp, decoder } from './testDeps.testutil';

type App = ReturnType<typeof createTestApp>;

function reportOf(app: App, select: ReturnType<typeof createReportSelector>): PatchReport {
  const s = app.store.getState();
  if (!s.table) throw new Error('no table');
  const inputs = { table: s.table, kernel: selectKernel(s), loop: selectLoop(s), decoder };
  return select.select({ ...inputs, features: selectEffectiveFeatures(s) });
}

const finals = (r: PatchReport) => r.sites.map((x) => `0x${x.addr.toString(16)} ${toHex(x.final)}`);

function featureIndex(app: App, name: string): number {
  const r = parseFeature(name, selectKernel(app.store.getState()));
  if (!r.ok) throw new Error(r.message);
  return r.index;
}

describe('the report after a toggle', () => {
  it('equals a report computed from scratch, through on, off and a preset', () => {
    const app = createTestApp();
    const incremental = createReportSelector(app.deps.simulate);
    reportOf(app, incremental);
    const steps: (() => void)[] = [
      () => app.actions.setFeature(featureIndex(app, 'XSAVEC'), true),
      () => app.actions.setFeature(featureIndex(app, 'XSAVES'), true),
      () => app.actions.setFeature(featureIndex(app, 'XSAVEC'), false),
      () => app.actions.setFeaturesExactly([]),
      () => app.actions.resetFeatures(),
    ];
    for (const step of steps) {
      step();
      const fresh = reportOf(app, createReportSelector(app.deps.simulate));
      const got = reportOf(app, incremental);
      expect(finals(got)).toEqual(finals(fresh));
      expect(got.sites.map((x) => x.selected)).toEqual(fresh.sites.map((x) => x.selected));
    }
  });

  it('simulates no site for a feature no entry names, and keeps every result object', () => {
    const app = createTestApp();
    const select = createReportSelector(app.deps.simulate);
    const before = reportOf(app, select);
    app.simulated.length = 0;
    app.actions.setFeature(featureIndex(app, 'LA57'), true);
    const after = reportOf(app, select);
    // Only the table-level call (no sites) for the report's head.
    expect(app.simulated).toEqual([[]]);
    expect(after.sites.every((r, i) => r === before.sites[i])).toBe(true);
  });
});

describe('the report over bytes the earlier boot passes left', () => {
  it('starts those sites from them, re-simulating only them when the bytes arrive', () => {
    const app = createTestApp();
    const select = createReportSelector(app.deps.simulate);
    const s = app.store.getState();
    const inputs = {
      table: s.table!,
      kernel: selectKernel(s),
      loop: selectLoop(s),
      decoder,
      features: selectEffectiveFeatures(s),
    };
    const plain = select.select(inputs);
    // No feature for the xsave site: no entry wins, so the final is what the site started from.
    expect(toHex(plain.sites[0]!.final)).toBe('490fae642440');
    const before = select.stats.sitesSimulated;
    // As if a pass had rewritten the site (a six-byte NOP): the other sites keep their results.
    const start = new Map([[0xffffffff81283cd3n, new Uint8Array([0x66, 0x0f, 0x1f, 0x44, 0, 0])]]);
    const over = select.select({ ...inputs, start });
    expect(select.stats.sitesSimulated - before).toBe(1);
    expect(toHex(over.sites[0]!.final)).toBe('660f1f440000');
    expect(toHex(over.sites[0]!.original)).toBe('490fae642440');
    expect(over.sites.slice(1).every((r, i) => r === plain.sites[i + 1])).toBe(true);
    // Back without them: the memo gives the first result again, nothing simulated.
    const again = select.select(inputs);
    expect(toHex(again.sites[0]!.final)).toBe('490fae642440');
  });
});
