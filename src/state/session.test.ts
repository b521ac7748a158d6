import { describe, expect, it } from 'vitest';
import { encodePermalink } from '../permalink';
import { writeDeflatedJson } from '../permalink/deflatedJson';
import { createDefaultShareState } from '../permalink/shareState';
import { DRAFT_KEY, SET_ASIDE_KEY, startAutosave, startSession } from './session';
import { selectKernel } from './selectors';
import { createManualTimers, createMemoryStorage, createTestApp } from './testDeps.testutil';

const MINE = 'kernel 7.2\nsite 0xffffffff81000040 mine\norig 90 90\nalt ALWAYS 0f 0b\n';
const THEIRS = 'kernel 6.12\nsite 0xffffffff81000080 theirs\norig 90 90\nalt XSAVEC 0f 0b\n';

function linkTo(text: string, patch: Partial<ReturnType<typeof createDefaultShareState>> = {}) {
  return encodePermalink({ ...createDefaultShareState(), scenario: text, ...patch }).slice(1);
}

describe('drafts', () => {
  it('are saved once the user stops typing, and restored on the next visit', () => {
    const storage = createMemoryStorage();
    const app = createTestApp(storage);
    startSession(app.store, app.actions, app.deps, '');
    const timers = createManualTimers();
    startAutosave(app.store, storage, 400, timers);
    app.actions.setText(MINE);
    app.actions.setText(MINE + '# more\n');
    app.actions.setSyntax('intel');
    expect(storage.data.has(DRAFT_KEY)).toBe(false);
    timers.advance(399);
    expect(storage.data.has(DRAFT_KEY)).toBe(false);
    timers.advance(1);
    expect(timers.pending()).toBe(0);
    expect(JSON.parse(storage.data.get(DRAFT_KEY)!)).toMatchObject({
      text: MINE + '# more\n',
      syntax: 'intel',
    });

    const next = createTestApp(storage);
    startSession(next.store, next.actions, next.deps, '');
    const s = next.store.getState();
    expect([s.text, s.origin, s.syntax]).toEqual([MINE + '# more\n', 'draft', 'intel']);
    expect(s.table?.sites.map((x) => x.symbol)).toEqual(['mine']);
  });

  it('restore the chosen profile and its toggles', () => {
    const storage = createMemoryStorage();
    const app = createTestApp(storage);
    startSession(app.store, app.actions, app.deps, '');
    const autosave = startAutosave(app.store, storage, 400, createManualTimers());
    app.actions.setKernel('6.12');
    app.actions.setFeature(21 * 32 + 6, true); // INDIRECT_THUNK_ITS in 6.12
    autosave.flush();
    const next = createTestApp(storage);
    startSession(next.store, next.actions, next.deps, '');
    expect(selectKernel(next.store.getState())).toBe('6.12');
    expect(next.store.getState().features.on).toEqual([21 * 32 + 6]);
  });

  it('open the default scenario on a first visit, or when storage holds junk', () => {
    const storage = createMemoryStorage();
    storage.setItem(DRAFT_KEY, '{"text": 42');
    const app = createTestApp(storage);
    startSession(app.store, app.actions, app.deps, '');
    expect(app.store.getState().origin).toBe('default');
    expect(app.store.getState().text).toBe(app.deps.defaultScenario);
  });
});

describe('opening a link', () => {
  function withDraft() {
    const storage = createMemoryStorage();
    const first = createTestApp(storage);
    startSession(first.store, first.actions, first.deps, '');
    const autosave = startAutosave(first.store, storage, 400, createManualTimers());
    first.actions.setText(MINE);
    autosave.flush();
    return storage;
  }

  it('shows the link and keeps unsaved local edits recoverable', () => {
    const storage = withDraft();
    const app = createTestApp(storage);
    startSession(app.store, app.actions, app.deps, linkTo(THEIRS, { kernel: '6.12' }));
    let s = app.store.getState();
    expect([s.text, s.origin, s.recoverableDraft]).toEqual([THEIRS, 'link', MINE]);
    expect(storage.data.get(SET_ASIDE_KEY)).toBe(MINE);
    expect(s.notice).toEqual({
      kind: 'info',
      text: 'Opened a shared link. Your local draft was kept and can be restored.',
    });
    app.actions.restoreDraft();
    s = app.store.getState();
    expect([s.text, s.origin, s.recoverableDraft]).toEqual([MINE, 'draft', THEIRS]);
    expect(s.table?.sites.map((x) => x.symbol)).toEqual(['mine']);
  });

  it('a corrupt link says why and shows the default scenario, the draft kept', () => {
    const storage = withDraft();
    const app = createTestApp(storage);
    startSession(app.store, app.actions, app.deps, 'v1=AAAA-not-deflate');
    const s = app.store.getState();
    expect(s.text).toBe(app.deps.defaultScenario);
    expect(s.table?.sites.length).toBeGreaterThanOrEqual(3);
    expect(s.notice?.kind).toBe('error');
    expect(s.notice?.text).toMatch(
      /^This link could not be opened: .+\. Showing the default scenario\.$/,
    );
    expect(s.recoverableDraft).toBe(MINE);
  });

  it('says what a newer link carried that this version ignores', () => {
    const app = createTestApp();
    // A v1 document with an unknown key, as a newer altscope might write.
    const doc = { scenario: THEIRS, kernel: '6.12', heatmap: true };
    startSession(app.store, app.actions, app.deps, `v1=${writeDeflatedJson(doc)}`);
    expect(app.store.getState().text).toBe(THEIRS);
    expect(app.store.getState().notice).toEqual({
      kind: 'info',
      text: 'Opened a shared link; permalink JSON: ignored unknown key "heatmap".',
    });
  });

  it('names the kernel build a link from a vmlinux came from', () => {
    const app = createTestApp();
    const banner = 'Linux version 7.2.13+deb14-cloud-amd64 (debian-kernel@lists.debian.org) #1 SMP';
    startSession(app.store, app.actions, app.deps, linkTo(THEIRS, { banner }));
    expect(app.store.getState().notice).toEqual({
      kind: 'info',
      text: `Opened a shared link. Its sites come from ${banner}.`,
    });
  });
});
