import { describe, expect, it } from 'vitest';
import * as iced from 'iced-x86';
import { parseFeature } from '../core/features';
import { makeIcedDisassembler } from '../disasm/format';
import type { PatchReport } from '../core/patch/report';
import { createReportSelector } from './report';
import type { SiteFilterState } from './selectors';
import { filterSites, selectEffectiveFeatures, selectKernel, selectLoop } from './selectors';
import { selectKernelShown } from './kernelLoad';
import { selectLinkedSites } from './sharedSites';
import type { SiteSearchTerms } from './siteSearch';
import { createTestApp, decoder } from './testDeps.testutil';

type App = ReturnType<typeof createTestApp>;
const select = (app: App) => createReportSelector(app.deps.simulate);

function reportOf(app: App, selector: ReturnType<typeof select>): PatchReport {
  const s = app.store.getState();
  if (!s.table) throw new Error('no table');
  const inputs = { table: s.table, kernel: selectKernel(s), loop: selectLoop(s), decoder };
  return selector.select({ ...inputs, features: selectEffectiveFeatures(s) });
}

const label: SiteSearchTerms = { kernel: '7.2' };
const names = (rows: readonly { symbol?: string }[]) => rows.map((r) => r.symbol);

function filterOf(app: App, over: Partial<SiteFilterState>): SiteFilterState {
  const { table } = app.store.getState();
  return { search: '', statusFilter: 'all', featureFilter: null, table, ...over };
}

describe('filterSites', () => {
  it('matches symbol, address and feature label, case-insensitively', () => {
    const app = createTestApp();
    const report = reportOf(app, select(app));
    const by = (search: string) => names(filterSites(report, filterOf(app, { search }), label));
    expect(by('SAVE_FPREGS')).toEqual(['save_fpregs_to_fpstate+0x43/0xa0']);
    expect(by('0xffffffff81001010')).toEqual(['xen_direct_call_outer']);
    expect(by('xsavec')).toEqual(['save_fpregs_to_fpstate+0x43/0xa0']);
    expect(by('no such thing')).toEqual([]);
  });

  it('matches X86_FEATURE_ macros, flags (DIRECT_CALL, NOT) and, with a disassembler, mnemonics', () => {
    const app = createTestApp();
    const report = reportOf(app, select(app));
    const dis = makeIcedDisassembler(iced);
    try {
      const terms: SiteSearchTerms = { kernel: '7.2', disassembler: dis, syntax: 'att' };
      const by = (search: string, t = terms) =>
        names(filterSites(report, filterOf(app, { search }), t));
      const XSAVE = 'save_fpregs_to_fpstate+0x43/0xa0';
      expect(by('X86_FEATURE_XSAVES')).toEqual([XSAVE]);
      expect(by('DIRECT_CALL')).toEqual(['read_cr2', 'xen_direct_call_outer']);
      expect(by('alt_flag_not')).toEqual(['read_cr2']);
      // xsaveopt64 is a replacement (the final with XSAVEOPT on), xsave64 the original.
      expect(by('xsaveopt64')).toEqual([XSAVE]);
      expect(by('xsaves64')).toEqual([XSAVE]);
      expect(by('mov')).toEqual(['read_cr2', 'xen_direct_call_outer']);
      // Before iced-x86 has loaded: names and flags only.
      expect(by('xsaveopt64', { kernel: '7.2' })).toEqual([]);
    } finally {
      dis.dispose();
    }
  });

  it('after a toggle, returns the new results of the same matches', () => {
    const app = createTestApp();
    const selector = select(app);
    const filter = filterOf(app, { search: 'save_fpregs' });
    const before = filterSites(reportOf(app, selector), filter, label);
    const xsavec = parseFeature('XSAVEC', '7.2');
    if (!xsavec.ok) throw new Error(xsavec.message);
    app.actions.setFeature(xsavec.index, true);
    const report = reportOf(app, selector);
    const after = filterSites(report, filter, label);
    expect(names(after)).toEqual(names(before));
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]).toBe(report.sites.find((r) => r.symbol === before[0]?.symbol));
  });

  it('filters by feature and by status on the current results', () => {
    const app = createTestApp();
    const report = reportOf(app, select(app));
    const xenpv = parseFeature('XENPV', '7.2');
    if (!xenpv.ok) throw new Error(xenpv.message);
    const withXen = filterSites(report, filterOf(app, { featureFilter: xenpv.index }), label);
    expect(names(withXen)).toEqual(['read_cr2', 'xen_direct_call_outer']);
    const unpatched = filterSites(report, filterOf(app, { statusFilter: 'unpatched' }), label);
    expect(unpatched.length).toBeGreaterThan(0);
    expect(unpatched.length).toBeLessThan(report.sites.length);
    expect(unpatched.every((r) => r.final.every((b, i) => b === r.original[i]))).toBe(true);
  });
});

describe('selectors React subscribes to (useAppState) return the same value for the same state', () => {
  // useSyncExternalStore calls a selector twice per render; a fresh object each time loops
  // ("Maximum update depth exceeded", issue 14). Every state a user can reach: no table at all
  // (a first scenario with an error), a kept table, a switched profile.
  const TYPO = 'kernel 7.2\nsite 0xffffffff81000000 s\norig 90 90 90\nalt XSAVEOPTZ 0f 0b 90\n';
  const states: [string, (app: App) => void][] = [
    ['the default scenario', () => undefined],
    ['a scenario with a typo opened (no table)', (app) => app.actions.loadScenario(TYPO, 'file')],
    ['a typo typed (the last table kept)', (app) => app.actions.setText(TYPO)],
    [
      'a typo, then another profile',
      (app) => {
        app.actions.loadScenario(TYPO, 'file');
        app.actions.setKernel('6.12');
      },
    ],
  ];
  const selectors = {
    selectKernel,
    selectLoop,
    selectEffectiveFeatures,
    selectKernelShown,
    linkedCount: (s: Parameters<typeof selectKernel>[0]) => selectLinkedSites(s).length,
  };
  for (const [name, reach] of states)
    it(name, () => {
      const app = createTestApp();
      reach(app);
      const s = app.store.getState();
      for (const [selectorName, selector] of Object.entries(selectors))
        expect(Object.is(selector(s), selector(s)), selectorName).toBe(true);
    });

  it('a feature toggle gives a new set, then a stable one', () => {
    const app = createTestApp();
    app.actions.loadScenario(TYPO, 'file');
    const xsavec = parseFeature('XSAVEC', '7.2');
    if (!xsavec.ok) throw new Error(xsavec.message);
    const before = selectEffectiveFeatures(app.store.getState());
    app.actions.setFeature(xsavec.index, true);
    const after = selectEffectiveFeatures(app.store.getState());
    expect(after).not.toBe(before);
    expect(selectEffectiveFeatures(app.store.getState())).toBe(after);
    expect(after.has(xsavec.index)).toBe(true);
  });
});
