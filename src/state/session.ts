/**
 * Where the first view comes from, and keeping work: the URL fragment (a permalink), else the
 * local draft, else the default scenario. Opening a link never silently drops a local draft: it is
 * set aside (and persisted) so one click restores it.
 */
import { KERNEL_VERSIONS } from '../core/model';
import type { AppActions } from './actions';
import type { AppDeps, KeyValueStorage } from './deps';
import type { FeatureChoice } from './features';
import { applyShareState } from './share';
import type { AppState, AppStore } from './store';

export const DRAFT_KEY = 'altscope.draft.v1';
export const SET_ASIDE_KEY = 'altscope.setAsideDraft.v1';

/** What is saved locally as the user works. */
interface SavedDraft {
  text: string;
  features: FeatureChoice;
  kernelChoice: AppState['kernelChoice'];
  loopChoice: AppState['loopChoice'];
  site: string | null;
  syntax: AppState['syntax'];
  theme: AppState['theme'];
}

export function readDraft(storage: KeyValueStorage | null): SavedDraft | null {
  try {
    const raw = storage?.getItem(DRAFT_KEY);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<SavedDraft>;
    // Repair anything odd: storage is outside input, like a link.
    if (typeof d.text !== 'string') return null;
    const nums = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
    return {
      text: d.text,
      features: { on: nums(d.features?.on), off: nums(d.features?.off) },
      kernelChoice: KERNEL_VERSIONS.find((k) => k === d.kernelChoice) ?? null,
      loopChoice:
        d.loopChoice === 'single-pass' || d.loopChoice === 'multi-pass' ? d.loopChoice : null,
      site: typeof d.site === 'string' ? d.site : null,
      syntax: d.syntax === 'intel' ? 'intel' : 'att',
      theme: d.theme === 'light' || d.theme === 'dark' ? d.theme : 'system',
    };
  } catch {
    return null;
  }
}

function captureDraft(s: AppState): SavedDraft {
  const { text, features, kernelChoice, loopChoice, site, syntax, theme } = s;
  return { text, features, kernelChoice, loopChoice, site, syntax, theme };
}

function writeItem(storage: KeyValueStorage | null, key: string, value: string) {
  try {
    storage?.setItem(key, value);
  } catch {
    // Quota or privacy mode: the app keeps working, only without local saving.
  }
}

/** Decide the first view from the fragment (without `#`) and the saved draft. */
export function startSession(
  store: AppStore,
  actions: AppActions,
  deps: AppDeps,
  fragment: string,
) {
  const draft = readDraft(deps.storage);
  const setAside = deps.storage?.getItem(SET_ASIDE_KEY) ?? null;
  if (setAside) store.setState({ recoverableDraft: setAside });
  if (fragment === '') {
    if (draft) {
      actions.loadScenario(draft.text, 'draft');
      const { text: _text, kernelChoice, ...choices } = draft;
      // The saved toggles are bits of the saved profile: parse in it before restoring them.
      if (kernelChoice) actions.setKernel(kernelChoice);
      store.setState(choices);
    } else {
      actions.loadScenario(deps.defaultScenario, 'default');
    }
    return;
  }
  const decoded = deps.decodePermalink(fragment);
  const keepDraft = (linkText: string | undefined) => {
    if (draft && draft.text !== linkText && draft.text !== deps.defaultScenario) {
      writeItem(deps.storage, SET_ASIDE_KEY, draft.text);
      store.setState({ recoverableDraft: draft.text });
    }
  };
  if (!decoded.ok) {
    keepDraft(deps.defaultScenario);
    actions.loadScenario(deps.defaultScenario, 'default');
    actions.showNotice(
      'error',
      `This link could not be opened: ${decoded.message}. Showing the default scenario.`,
    );
    return;
  }
  keepDraft(decoded.state.scenario ?? deps.defaultScenario);
  const problems = applyShareState(store, deps, decoded.state);
  const warnings = decoded.warnings ?? [];
  // Sites taken from a kernel image name the build they came from.
  const from = decoded.state.banner ? ` Its sites come from ${decoded.state.banner}.` : '';
  if (problems.length > 0) actions.showNotice('error', [...problems, ...warnings].join('; '));
  else if (warnings.length > 0) {
    // A newer altscope wrote this link: say what this version could not show.
    actions.showNotice('info', `Opened a shared link; ${warnings.join('; ')}.${from}`);
  } else if (store.getState().recoverableDraft !== null) {
    actions.showNotice(
      'info',
      `Opened a shared link.${from} Your local draft was kept and can be restored.`,
    );
  } else if (from) actions.showNotice('info', `Opened a shared link.${from}`);
}

/** Timer functions, passed in so tests run without real time. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(timer: unknown): void;
}

/** Save the draft a moment after the user stops typing; `flush` saves at once (unload, tests). */
export function startAutosave(
  store: AppStore,
  storage: KeyValueStorage | null,
  delayMs = 400,
  // Wrapped: browsers throw "Illegal invocation" when setTimeout is called as a method.
  timers: Timers = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  },
) {
  let timer: unknown;
  let lastSaved = JSON.stringify(captureDraft(store.getState()));
  const flush = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    const s = store.getState();
    const json = JSON.stringify(captureDraft(s));
    if (json !== lastSaved) writeItem(storage, DRAFT_KEY, json);
    writeItem(storage, SET_ASIDE_KEY, s.recoverableDraft ?? '');
    lastSaved = json;
  };
  const unsubscribe = store.subscribe((s, prev) => {
    const changed =
      s.text !== prev.text ||
      s.features !== prev.features ||
      s.kernelChoice !== prev.kernelChoice ||
      s.loopChoice !== prev.loopChoice ||
      s.site !== prev.site ||
      s.syntax !== prev.syntax ||
      s.theme !== prev.theme ||
      s.recoverableDraft !== prev.recoverableDraft;
    if (!changed) return;
    if (timer !== undefined) timers.clear(timer);
    timer = timers.set(flush, delayMs);
  });
  return {
    flush,
    dispose() {
      flush();
      unsubscribe();
    },
  };
}
