import { describe, expect, it } from 'vitest';
import { toHex } from '../core';
import { parseFeature } from '../core/features';
import { createReportSelector } from './report';
import { selectEffectiveFeatures, selectKernel, selectLoop } from './selectors';
import type { AppState } from './store';
import { exampleOpening } from '../examples';
import { orderingBug } from '../examples/orderingBug';
import { relocation } from '../examples/relocation';
import { createTestApp, decoder } from './testDeps.testutil';

const XSAVE_SITE = '0xffffffff81283cd3';
const ONE_SITE =
  'kernel 7.2\nsite 0xffffffff81000000 only_site\norig 90 90 90\nalt ALWAYS 0f 0b 90\n';

function reportOf(
  app: ReturnType<typeof createTestApp>,
  select = createReportSelector(app.deps.simulate),
) {
  const s = app.store.getState();
  if (!s.table) throw new Error('no table');
  return select.select({
    table: s.table,
    kernel: selectKernel(s),
    loop: selectLoop(s),
    features: selectEffectiveFeatures(s),
    decoder,
  });
}

function finalOf(app: ReturnType<typeof createTestApp>, addr: string): string {
  const r = reportOf(app).sites.find((x) => `0x${x.addr.toString(16)}` === addr);
  if (!r) throw new Error(`no site ${addr}`);
  return toHex(r.final);
}

const index = (name: string, s: AppState) => {
  const r = parseFeature(name, selectKernel(s));
  if (!r.ok) throw new Error(r.message);
  return r.index;
};

describe('editing the scenario', () => {
  it('re-parses at once and keeps the last good table while the text has errors', () => {
    const app = createTestApp();
    app.actions.setText(ONE_SITE);
    const good = app.store.getState().table;
    expect(good?.sites.map((s) => s.symbol)).toEqual(['only_site']);
    expect(app.store.getState().origin).toBe('edited');

    app.actions.setText(ONE_SITE.replace('ALWAYS', 'NO_SUCH_FEATURE'));
    const s = app.store.getState();
    expect(s.table).toBe(good);
    expect(
      s.diagnostics.map((d) => [d.location?.kind === 'text' && d.location.line, d.message]),
    ).toEqual([
      [
        4,
        "unknown feature 'NO_SUCH_FEATURE' for kernel 7.2 (expected a name such as XSAVEOPT, X86_FEATURE_XSAVEOPT or xsaveopt, or W*32+B)",
      ],
    ]);
    expect(finalOf(app, '0xffffffff81000000')).toBe('0f0b90');

    app.actions.setText(ONE_SITE.replace('only_site', 'fixed_site'));
    expect(app.store.getState().diagnostics).toEqual([]);
    expect(app.store.getState().table?.sites.map((x) => x.symbol)).toEqual(['fixed_site']);
  });
});

describe('toggling a feature', () => {
  it('recomputes only the sites whose entries reference it', () => {
    const app = createTestApp();
    const select = createReportSelector(app.deps.simulate);
    const first = reportOf(app, select);
    expect(first.sites.length).toBeGreaterThanOrEqual(3);
    app.simulated.length = 0;

    app.actions.setFeature(index('XSAVEC', app.store.getState()), true);
    const second = reportOf(app, select);
    // One call for the XSAVE site; one table-level call (no sites) for the report's head.
    expect(app.simulated).toEqual([[XSAVE_SITE], []]);
    expect(select.stats.sitesSimulated).toBe(first.sites.length + 1);
    const xsave = second.sites.find((r) => `0x${r.addr.toString(16)}` === XSAVE_SITE);
    expect(toHex(xsave!.final)).toBe('490fc7642440');
    // Untouched sites are the very same result objects.
    expect(second.sites.filter((r) => first.sites.includes(r)).length).toBe(first.sites.length - 1);

    app.simulated.length = 0;
    reportOf(app, select);
    expect(app.simulated).toEqual([]);
  });

  it('keeps ALWAYS on and keeps on/off minimal relative to the scenario', () => {
    const app = createTestApp();
    app.actions.loadScenario(`kernel 7.2\nfeatures XSAVEOPT\n${ONE_SITE.slice(11)}`, 'example');
    const s = app.store.getState();
    app.actions.setFeature(index('ALWAYS', s), false);
    expect(app.actions.isFeatureOn(index('ALWAYS', s))).toBe(true);
    app.actions.setFeature(index('XSAVEOPT', s), false); // declared by the scenario
    app.actions.setFeature(index('XENPV', s), true);
    expect(app.store.getState().features).toEqual({
      on: [index('XENPV', s)],
      off: [index('XSAVEOPT', s)],
    });
    app.actions.setFeature(index('XSAVEOPT', s), true);
    expect(app.store.getState().features.off).toEqual([]);
  });
});

describe('kernel profile and patch loop', () => {
  const ITS =
    'kernel 7.2\nsite 0xffffffff81000000 its\norig 90 90 90\nalt INDIRECT_THUNK_ITS 0f 0b 90\n';

  it("re-parses the scenario in the chosen profile's catalogue, and back", () => {
    const app = createTestApp();
    app.actions.loadScenario(ITS, 'file');
    const cpuid = () => app.store.getState().table?.sites[0]?.entries[0]?.cpuid;
    expect(cpuid()).toBe(21 * 32 + 10);
    app.actions.setKernel('6.12');
    expect(selectKernel(app.store.getState())).toBe('6.12');
    expect(cpuid()).toBe(21 * 32 + 6);
    app.actions.setKernel(null);
    expect(cpuid()).toBe(21 * 32 + 10);
  });

  it("moves the user's toggles by name to the other profile's bits", () => {
    const app = createTestApp();
    app.actions.loadScenario(ITS, 'file');
    app.actions.setFeature(21 * 32 + 10, true);
    expect(finalOf(app, '0xffffffff81000000')).toBe('0f0b90');
    app.actions.setKernel('6.12');
    expect(app.store.getState().features.on).toEqual([21 * 32 + 6]);
    expect(finalOf(app, '0xffffffff81000000')).toBe('0f0b90');
  });

  it('says which toggled feature the other profile lacks, and drops it', () => {
    const app = createTestApp();
    app.actions.setFeature(index('ZEN6', app.store.getState()), true);
    app.actions.setKernel('6.12');
    expect(app.store.getState().features.on).toEqual([]);
    expect(app.store.getState().notice).toEqual({
      kind: 'info',
      text: '6.12 has no X86_FEATURE_ZEN6: switched off.',
    });
  });

  it("follows the profile's own loop until one is chosen", () => {
    const app = createTestApp();
    expect(selectLoop(app.store.getState())).toBe('single-pass');
    app.actions.setKernel('6.12');
    expect(selectLoop(app.store.getState())).toBe('multi-pass');
    app.actions.setLoop('single-pass');
    expect(selectLoop(app.store.getState())).toBe('single-pass');
    app.actions.setKernel('7.2');
    expect(selectLoop(app.store.getState())).toBe('single-pass');
    app.actions.setLoop(null);
    app.actions.setKernel('6.12');
    expect(selectLoop(app.store.getState())).toBe('multi-pass');
  });

  it('opening another scenario lets its kernel line decide again', () => {
    const app = createTestApp();
    app.actions.setKernel('6.12');
    app.actions.loadScenario(ITS, 'example');
    expect(app.store.getState().kernelChoice).toBeNull();
    expect(selectKernel(app.store.getState())).toBe('7.2');
  });
});

describe('resetting the view after a render error', () => {
  it("keeps the text and goes back to the scenario's own profile, features and selection", () => {
    const app = createTestApp();
    const text = app.store.getState().text;
    app.actions.setKernel('6.12');
    app.actions.setLoop('single-pass');
    app.actions.setFeature(index('XSAVEC', app.store.getState()), true);
    app.actions.selectSite('0xffffffff81283cd3');
    app.actions.setSearch('xsave');
    app.actions.setReviewTab('truth');
    app.actions.resetView();
    const s = app.store.getState();
    expect(s.text).toBe(text);
    expect(selectKernel(s)).toBe('7.2');
    expect(selectLoop(s)).toBe('single-pass');
    expect(s.loopChoice).toBeNull();
    expect(s.features).toEqual({ on: [], off: [] });
    expect([s.site, s.search, s.reviewTab]).toEqual([null, '', 'timeline']);
    expect(s.table?.sites.length).toBe(3);
  });
});

describe('opening a built-in example', () => {
  it('the ordering bug opens with XENPV under the multi-pass loop: the BUG shows', () => {
    const app = createTestApp();
    app.actions.setReviewTab('ruler');
    app.actions.openExample(orderingBug.text, exampleOpening(orderingBug));
    const s = app.store.getState();
    expect(selectEffectiveFeatures(s).has(index('XENPV', s))).toBe(true);
    expect([selectKernel(s), selectLoop(s), s.reviewTab, s.origin]).toEqual([
      '7.2',
      'multi-pass',
      'loops',
      'example',
    ]);
    const r = reportOf(app);
    expect(r.sites[0]?.diagnostics.map((d) => d.code)).toEqual(['kernel-bug-direct-call-original']);
  });

  it('relocation opens with SMAP on; the next example resets the loop to its own', () => {
    const app = createTestApp();
    app.actions.openExample(orderingBug.text, exampleOpening(orderingBug));
    app.actions.openExample(relocation.text, exampleOpening(relocation));
    const s = app.store.getState();
    expect(selectEffectiveFeatures(s).has(index('SMAP', s))).toBe(true);
    expect(selectLoop(s)).toBe('single-pass');
    expect(reportOf(app).sites[0]?.relocations.length).toBe(2);
  });
});
