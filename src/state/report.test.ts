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
