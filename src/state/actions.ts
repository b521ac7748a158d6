/** Every way the UI changes the store. Plain functions over a store: testable without React. */
import type { KernelVersion, PatchLoop } from '../core/model';
import type { Assembler, AsmSyntax, Disassembler, InsnDecoder } from '../core/ports';
import { parseFeature } from '../core/features';
import { hasMacroStatement } from '../core/macros/macroSyntax';
import { macroSiteAsBytes } from '../core/scenario/macroAsBytes';
import type { AppDeps } from './deps';
import { chooseExactly, NO_FEATURE_CHANGES, toggleFeature, translateChoice } from './features';
import { selectKernelShown } from './kernelLoad';
import { selectEffectiveFeatures, selectKernel } from './selectors';
import type { ReviewTab } from '../permalink/shareState';
import { addSharedRange, toggleShared } from './sharedSites';
import type { AppStore, ScenarioOrigin, SiteStatus, ThemeChoice } from './store';
import { parseInto, SCENARIO_VIEW } from './store';

export function createActions(store: AppStore, deps: AppDeps) {
  const set = store.setState;
  const get = store.getState;

  const loadScenario = (text: string, origin: ScenarioOrigin) => {
    const parsed = parseInto(deps, text, null);
    set({
      text,
      origin,
      ...parsed,
      kernelChoice: null,
      features: NO_FEATURE_CHANGES,
      site: null,
      shared: [],
      notice: null,
    });
  };

  return {
    /** The user typed: reparse at once (diagnostics follow every keystroke). */
    setText(text: string) {
      if (text === get().text) return;
      const s = get();
      set({ text, origin: 'edited', ...parseInto(deps, text, s.table, s.kernelChoice) });
    },
    /**
     * Replace the scenario (example, file, link): features start from the scenario's own, and
     * its `kernel` line decides the profile again (a file written for 6.12 opens as 6.12).
     */
    loadScenario,
    /**
     * Open a built-in example in the state that shows its point: its features (names resolved
     * in the scenario's profile), its patch loop and review tab.
     */
    openExample(
      text: string,
      opening: { features: readonly string[]; engine: PatchLoop | null; tab: ReviewTab | null },
    ) {
      loadScenario(text, 'example');
      const s = get();
      const kernel = selectKernel(s);
      const wanted = opening.features.flatMap((f) => {
        const r = parseFeature(f, kernel);
        return r.ok ? [r.index] : [];
      });
      set({
        features: chooseExactly(s.table?.features ?? [], wanted),
        loopChoice: opening.engine,
        reviewTab: opening.tab ?? s.reviewTab,
      });
    },
    /** "Show as bytes": a macro site's statement becomes its explicit `orig`/`alt` lines. */
    showSiteAsBytes(addr: bigint) {
      const s = get();
      const site = s.table?.sites.find((x) => x.addr === addr);
      const text = site && macroSiteAsBytes(s.text, site, s.table!.kernel);
      if (text === undefined) return;
      set({ text, origin: 'edited', ...parseInto(deps, text, s.table, s.kernelChoice) });
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
    /**
     * Switch the profile. A scenario names features, and names move between versions: the text
     * is re-parsed in the chosen profile's catalogue, and the user's toggles follow their names.
     * A loaded kernel's table holds raw bits: it is simulated under the profile as it is.
     */
    setKernel(kernel: KernelVersion | null) {
      const s = get();
      const from = selectKernel(s);
      if (selectKernelShown(s)) {
        set({ kernelChoice: kernel });
        return;
      }
      const parsed = parseInto(deps, s.text, null, kernel);
      const to = parsed.table?.kernel ?? kernel ?? from;
      const moved = translateChoice(s.features, from, to);
      set({ kernelChoice: kernel, ...parsed, features: moved.choice });
      if (moved.dropped.length > 0) {
        set({
          notice: {
            kind: 'info',
            text: `${to} has no ${moved.dropped.join(', ')}: switched off.`,
          },
        });
      }
    },
    setLoop(loop: PatchLoop | null) {
      set({ loopChoice: loop });
    },
    selectSite(addr: string | null) {
      set({ site: addr });
    },
    /** Put `addr` into the set a link carries, or take it out; the shown site stays. */
    toggleSharedSite(addr: string) {
      set({ shared: toggleShared(get().shared, addr) });
    },
    /** Add every address of `addrs` (a Shift-click range) to the set a link carries. */
    addSharedSites(addrs: readonly string[]) {
      set({ shared: addSharedRange(get().shared, addrs) });
    },
    clearSharedSites() {
      set({ shared: [] });
    },
    setReviewTab(reviewTab: ReviewTab) {
      set({ reviewTab });
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
    setDisasm(decoder: InsnDecoder, disassembler: Disassembler, assembler?: Assembler) {
      set({ decoder, disassembler, disasmError: null });
      if (!assembler || !deps.useAssembler) return;
      deps.useAssembler(assembler);
      // Macro sites parsed before iced-x86 was ready said so; parse them again now.
      const s = get();
      if (hasMacroStatement(s.text)) set(parseInto(deps, s.text, s.table, s.kernelChoice));
    },
    setDisasmError(message: string) {
      set({ disasmError: message });
    },
    /**
     * Back to the scenario's own view (profile, loop, features, selection, filters, tab),
     * keeping the text: what "Reset the view" offers after a render error.
     */
    resetView() {
      const s = get();
      set({
        // A loaded kernel's table is not the text's: keep it.
        ...(selectKernelShown(s) ? {} : parseInto(deps, s.text, null)),
        ...SCENARIO_VIEW,
        notice: null,
      });
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
      set({
        text: draft,
        origin: 'draft',
        ...parsed,
        kernelChoice: null,
        features: NO_FEATURE_CHANGES,
        recoverableDraft: current,
        notice: null,
      });
    },
  };
}

export type AppActions = ReturnType<typeof createActions>;
