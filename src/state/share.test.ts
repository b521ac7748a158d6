import { describe, expect, it } from 'vitest';
import { toHex } from '../core';
import { decodePermalink, encodePermalink } from '../permalink';
import { createDefaultShareState } from '../permalink/shareState';
import { createReportSelector } from './report';
import { selectEffectiveFeatures, selectKernel, selectLoop } from './selectors';
import { applyShareState, captureShareState } from './share';
import { createTestApp, decoder } from './testDeps.testutil';

const DECLARES = [
  'kernel 7.2',
  'features XSAVEOPT XSAVEC',
  'site 0xffffffff81283cd3 save_fpregs_to_fpstate',
  '  orig 49 0f ae 64 24 40',
  '  alt XSAVEOPT 49 0f ae 74 24 40',
  '  alt XSAVEC   49 0f c7 64 24 40',
  '  alt XSAVES   49 0f c7 6c 24 40',
  '',
].join('\n');

function finalHex(app: ReturnType<typeof createTestApp>): string {
  const s = app.store.getState();
  const report = createReportSelector(app.deps.simulate).select({
    table: s.table!,
    kernel: selectKernel(s),
    loop: selectLoop(s),
    features: selectEffectiveFeatures(s),
    decoder,
  });
  return toHex(report.sites[0]!.final);
}

/** Capture `app`'s view as a link and open it in a fresh app. */
function reopen(app: ReturnType<typeof createTestApp>) {
  const fragment = encodePermalink(captureShareState(app.store.getState()));
  const decoded = decodePermalink(fragment);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const fresh = createTestApp();
  const problems = applyShareState(fresh.store, fresh.deps, decoded.state);
  return { fresh, problems, state: decoded.state };
}

describe('links', () => {
  it('turn off a feature the scenario itself declares', () => {
    const app = createTestApp();
    app.actions.loadScenario(DECLARES, 'example');
    expect(finalHex(app)).toBe('490fc7642440'); // XSAVEC wins
    app.actions.setFeature(10 * 32 + 1, false); // XSAVEC off
    expect(finalHex(app)).toBe('490fae742440'); // XSAVEOPT wins
    const { fresh, problems, state } = reopen(app);
    expect(state.featuresOff).toEqual(['XSAVEC']);
    expect(state.features).toEqual([]);
    expect(problems).toEqual([]);
    expect(fresh.store.getState().features).toEqual({ on: [], off: [10 * 32 + 1] });
    expect(finalHex(fresh)).toBe('490fae742440');
  });

  it('carry features switched on, profile, loop, site and syntax', () => {
    const app = createTestApp();
    app.actions.loadScenario(DECLARES, 'example');
    app.actions.setFeature(10 * 32 + 3, true); // XSAVES
    app.actions.setLoop('multi-pass');
    app.actions.selectSite('0xffffffff81283cd3');
    app.actions.setSyntax('intel');
    const { fresh, state } = reopen(app);
    expect(state.features).toEqual(['XSAVES']);
    expect('featuresOff' in state).toBe(false);
    const s = fresh.store.getState();
    expect([selectLoop(s), s.site, s.syntax, s.origin]).toEqual([
      'multi-pass',
      '0xffffffff81283cd3',
      'intel',
      'link',
    ]);
    expect(finalHex(fresh)).toBe('490fc76c2440');
  });

  it('carry the sites selected for sharing and the review tab, and restore them', () => {
    const app = createTestApp();
    app.actions.loadScenario(app.deps.defaultScenario, 'example');
    app.actions.selectSite('0xffffffff81283cd3');
    app.actions.toggleSharedSite('0xffffffff81002000');
    app.actions.toggleSharedSite('0xffffffff81001000');
    app.actions.setReviewTab('teach');
    const { fresh, state } = reopen(app);
    expect(state.site).toBe('0xffffffff81283cd3');
    expect(state.sites).toEqual(['0xffffffff81002000', '0xffffffff81001000']);
    expect(state.view).toEqual({ syntax: 'att', teachingMode: true, compareLoops: false });
    const s = fresh.store.getState();
    expect([s.site, s.shared, s.reviewTab]).toEqual([
      '0xffffffff81283cd3',
      ['0xffffffff81002000', '0xffffffff81001000'],
      'teach',
    ]);
  });

  it('carry compare loops as the v1 boolean and any other tab as view.tab', () => {
    const app = createTestApp();
    app.actions.setReviewTab('loops');
    expect(reopen(app).state.view).toEqual({
      syntax: 'att',
      teachingMode: false,
      compareLoops: true,
    });
    expect(reopen(app).fresh.store.getState().reviewTab).toBe('loops');
    app.actions.setReviewTab('truth');
    const { fresh, state } = reopen(app);
    expect(state.view).toEqual({
      syntax: 'att',
      teachingMode: false,
      compareLoops: false,
      tab: 'truth',
    });
    expect(fresh.store.getState().reviewTab).toBe('truth');
  });

  it("restore shared addresses in the site list's spelling", () => {
    const app = createTestApp();
    applyShareState(app.store, app.deps, {
      ...base(),
      sites: ['0xFFFFFFFF81283CD3', '0xffffffff81283cd3', '.text+0x40'],
    });
    expect(app.store.getState().shared).toEqual(['0xffffffff81283cd3', '.text+0x40']);
  });

  it("carry a profile switch: the link's names resolve in the chosen profile", () => {
    const app = createTestApp();
    app.actions.loadScenario(DECLARES.replace('XSAVES   49', 'INDIRECT_THUNK_ITS 49'), 'example');
    app.actions.setKernel('6.12');
    app.actions.setFeature(21 * 32 + 6, true); // INDIRECT_THUNK_ITS in 6.12
    const { fresh, state } = reopen(app);
    expect([state.kernel, state.features]).toEqual(['6.12', ['INDIRECT_THUNK_ITS']]);
    const s = fresh.store.getState();
    expect(s.kernelChoice).toBe('6.12');
    expect(s.table?.sites[0]?.entries[2]?.cpuid).toBe(21 * 32 + 6);
    expect(selectEffectiveFeatures(s).has(21 * 32 + 6)).toBe(true);
  });

  it('report a feature name the profile does not know', () => {
    const app = createTestApp();
    const problems = applyShareState(app.store, app.deps, {
      ...decodeOk(encodePermalink({ ...base(), features: ['NOPE'], featuresOff: ['ALSO_NOPE'] })),
    });
    expect(problems).toEqual([
      'feature "NOPE" in the link: unknown feature "NOPE"',
      'feature "ALSO_NOPE" in the link: unknown feature "ALSO_NOPE"',
    ]);
  });
});

function base() {
  return { ...createDefaultShareState(), scenario: DECLARES };
}

function decodeOk(fragment: string) {
  const d = decodePermalink(fragment);
  if (!d.ok) throw new Error(d.error.message);
  return d.state;
}

describe('a link whose sites came from a kernel image', () => {
  const BANNER = 'Linux version 7.2.13+deb14-amd64 (debian-kernel@lists.debian.org)';

  it('names the kernel again when copied from the opened view, not after an edit', () => {
    const app = createTestApp();
    app.actions.loadScenario(DECLARES, 'example');
    const withBanner = { ...captureShareState(app.store.getState()), banner: BANNER };
    const decoded = decodePermalink(encodePermalink(withBanner));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const opened = createTestApp();
    expect(applyShareState(opened.store, opened.deps, decoded.state)).toEqual([]);
    // Copy link on the opened view: the kernel it came from travels on.
    const again = decodePermalink(encodePermalink(captureShareState(opened.store.getState())));
    expect(again.ok && again.state.banner).toBe(BANNER);
    // Edited, the sites are the user's own: no banner.
    opened.actions.setText(`${DECLARES}# mine\n`);
    expect(captureShareState(opened.store.getState()).banner).toBe(undefined);
    // A link without a banner opened afterwards clears it.
    const plain = decodePermalink(encodePermalink(captureShareState(app.store.getState())));
    if (!plain.ok) throw new Error(plain.error.message);
    applyShareState(opened.store, opened.deps, plain.state);
    expect(opened.store.getState().linkBanner).toBe(null);
  });
});
