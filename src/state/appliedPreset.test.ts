import { describe, expect, it } from 'vitest';
import { getCpuPreset, parseFeature } from '../core/features';
import { findAppliedPreset } from './appliedPreset';
import { selectEffectiveFeatures, selectKernel } from './selectors';
import { createTestApp } from './testDeps.testutil';

function applied(app: ReturnType<typeof createTestApp>) {
  const s = app.store.getState();
  return findAppliedPreset(s.features, selectEffectiveFeatures(s), s.table, selectKernel(s));
}

const index = (name: string) => {
  const r = parseFeature(name, '7.2');
  if (!r.ok) throw new Error(r.message);
  return r.index;
};

describe('findAppliedPreset', () => {
  it("names the preset the features match, and 'custom' after a toggle", () => {
    const app = createTestApp();
    // The default scenario declares no features: its own set is none.
    expect(applied(app)).toBe('none');
    app.actions.setFeaturesExactly(getCpuPreset('7.2', 'qemu64'));
    expect(applied(app)).toBe('qemu64');
    app.actions.setFeaturesExactly(getCpuPreset('7.2', 'max'));
    expect(applied(app)).toBe('max');
    // Any one feature of the preset switched off: no preset any more.
    app.actions.setFeature(getCpuPreset('7.2', 'max')[0] as number, false);
    expect(applied(app)).toBe('custom');
    app.actions.setFeaturesExactly([]);
    expect(applied(app)).toBe('none');
    app.actions.setFeaturesExactly([index('XSAVEOPT'), index('XSAVEC'), index('XSAVES')]);
    expect(applied(app)).toBe('custom');
    app.actions.setFeature(index('XENPV'), true);
    expect(applied(app)).toBe('referenced');
    app.actions.resetFeatures();
    expect(applied(app)).toBe('none');
  });

  it("tells 'none' from the scenario's own when the scenario declares features", () => {
    const app = createTestApp();
    app.actions.loadScenario(
      'kernel 7.2\nfeatures XSAVEOPT\nsite 0xffffffff81000000 s\norig 90 90 90\nalt XSAVEOPT 0f 0b 90\n',
      'file',
    );
    expect(applied(app)).toBe('scenario');
    app.actions.setFeaturesExactly([]);
    expect(applied(app)).toBe('none');
    app.actions.setFeaturesExactly([index('XSAVEOPT')]);
    expect(applied(app)).toBe('scenario');
  });
});
