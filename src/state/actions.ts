/** Every way the UI changes the store. Plain functions over a store: testable without React. */
import type { KernelVersion, PatchLoop } from '../core/model';
import type { AsmSyntax, Disassembler, InsnDecoder } from '../core/ports';
import type { AppDeps } from './deps';
import { chooseExactly, NO_FEATURE_CHANGES, toggleFeature } from './features';
import { selectEffectiveFeatures } from './selectors';
import type { AppStore, ScenarioOrigin, SiteStatus, ThemeChoice } from './store';
import { parseInto } from './store';

export function createActions(store: AppStore, deps: AppDeps) {
  const set = store.setState;
  const get = store.getState;

  return {
    /** The user typed: reparse at once (diagnostics follow every keystroke). */
    setText(text: string) {
      if (text === get().text) return;
      set({ text, origin: 'edited', ...parseInto(deps, text, get().table) });
    },
    /** Replace the scenario (example, file, link): features start from the scenario's own. */
    loadScenario(text: string, origin: ScenarioOrigin) {
      const parsed = parseInto(deps, text, null);
      set({ text, origin, ...parsed, features: NO_FEATURE_CHANGES, site: null, notice: null });
    },
    setFeature(index: number, enabled: boolean) {
      const s = get();
      set({ features: toggleFeature(s.table?.features ?? [], s.features, index, enabled) });
    },
    /** Make exactly these features present (presets, pasted cpuinfo). */
    setFeaturesExactly(wanted: Iterable<number>) {
      set({ features: chooseExactly(get().table?.features ?? [], wanted) });
    },
    /** The scenario's own features again. */
    resetFeatures() {
      set({ features: NO_FEATURE_CHANGES });
    },
    isFeatureOn(index: number): boolean {
      return selectEffectiveFeatures(get()).has(index);
    },
    setKernel(kernel: KernelVersion | null) {
      set({ kernelChoice: kernel });
    },
    setLoop(loop: PatchLoop | null) {
      set({ loopChoice: loop });
    },
    selectSite(addr: string | null) {
      set({ site: addr });
    },
    setSearch(search: string) {
      set({ search });
    },
    setStatusFilter(statusFilter: SiteStatus | 'all') {
      set({ statusFilter });
    },
    setFeatureFilter(featureFilter: number | null) {
      set({ featureFilter });
    },
    setSyntax(syntax: AsmSyntax) {
      set({ syntax });
    },
    setTheme(theme: ThemeChoice) {
      set({ theme });
    },
    setDisasm(decoder: InsnDecoder, disassembler: Disassembler) {
      set({ decoder, disassembler, disasmError: null });
    },
    setDisasmError(message: string) {
      set({ disasmError: message });
    },
    showNotice(kind: 'error' | 'info', text: string) {
      set({ notice: { kind, text } });
    },
    dismissNotice() {
      set({ notice: null });
    },
    /** Bring back the draft that was set aside when a link was opened. */
    restoreDraft() {
      const draft = get().recoverableDraft;
      if (draft === null) return;
      const current = get().text;
      const parsed = parseInto(deps, draft, null);
      // Swap, so the link's scenario is not lost either.
      set({ text: draft, origin: 'draft', ...parsed, recoverableDraft: current, notice: null });
    },
  };
}

export type AppActions = ReturnType<typeof createActions>;
