/**
 * The app store: framework-free (`zustand/vanilla`), small slices, no derived data inside.
 * React binds through `hooks.ts`; the report comes from `report.ts`'s memoized selector.
 */
import { createStore } from 'zustand/vanilla';
import type { AltTable, Diagnostic, KernelVersion, PatchLoop } from '../core/model';
import type { AsmSyntax, Disassembler, InsnDecoder } from '../core/ports';
import type { ReviewTab } from '../permalink/shareState';
import type { AppDeps } from './deps';
import type { FeatureChoice } from './features';
import { NO_FEATURE_CHANGES } from './features';
import type { KernelLoadSlice } from './kernelLoadSlice';
import { INITIAL_KERNEL_LOAD } from './kernelLoadSlice';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type SiteStatus = 'patched' | 'unpatched' | 'nops' | 'diagnostics';

/** Where the current scenario text came from. */
export type ScenarioOrigin = 'default' | 'example' | 'link' | 'file' | 'draft' | 'edited';

export interface ScenarioSlice {
  text: string;
  origin: ScenarioOrigin;
  /** The table of the last text that parsed (kept while the text has errors). */
  table: AltTable | null;
  diagnostics: Diagnostic[];
}

export interface ProfileSlice {
  /** null: the scenario's own `kernel`. */
  kernelChoice: KernelVersion | null;
  /** null: the profile's own loop. */
  loopChoice: PatchLoop | null;
  features: FeatureChoice;
}

export interface SelectionSlice {
  /** Address of the selected site, `0x…` lowercase. */
  site: string | null;
  /**
   * Further sites selected for sharing (`0x…` lowercase), in selection order: a link carries
   * them with the shown site. Selecting one does not change which site is shown.
   */
  shared: string[];
  search: string;
  statusFilter: SiteStatus | 'all';
  featureFilter: number | null;
}

export interface ViewSlice {
  syntax: AsmSyntax;
  theme: ThemeChoice;
  /** The review panel's open tab (teaching mode and compare loops are tabs). */
  reviewTab: ReviewTab;
}

export interface DisasmSlice {
  decoder: InsnDecoder | null;
  disassembler: Disassembler | null;
  disasmError: string | null;
}

/** Messages for the user: a bad link, a kept draft. */
export interface NoticeSlice {
  notice: { kind: 'error' | 'info'; text: string } | null;
  /** A local draft set aside when a link was opened; one click brings it back. */
  recoverableDraft: string | null;
  /**
   * The kernel (`linux_banner`) a link's sites came from, with the scenario text it came with:
   * a link copied from that view names the kernel too, until the text is edited.
   */
  linkBanner: { text: string; banner: string } | null;
}

export type AppState = ScenarioSlice &
  ProfileSlice &
  SelectionSlice &
  ViewSlice &
  DisasmSlice &
  NoticeSlice &
  KernelLoadSlice;

export type AppStore = ReturnType<typeof createAppStore>;

/**
 * The initial text parse; also used by every later text change. With a chosen profile, feature
 * names resolve in that profile's catalogue (bits move between kernel versions).
 */
export function parseInto(
  deps: AppDeps,
  text: string,
  previous: AltTable | null,
  kernel: KernelVersion | null = null,
) {
  const r = kernel ? deps.parseScenario(text, kernel) : deps.parseScenario(text);
  return { table: r.table ?? previous, diagnostics: r.diagnostics };
}

/**
 * The scenario's own view: no profile, loop or feature changes, nothing selected, searched or
 * filtered, the first review tab. A new store starts here and "Reset the view" returns here.
 */
export const SCENARIO_VIEW = {
  kernelChoice: null,
  loopChoice: null,
  features: NO_FEATURE_CHANGES,
  site: null,
  shared: [] as string[],
  search: '',
  statusFilter: 'all',
  featureFilter: null,
  reviewTab: 'timeline',
} as const satisfies Partial<AppState>;

export function createAppStore(deps: AppDeps, initialText: string) {
  const parsed = parseInto(deps, initialText, null);
  return createStore<AppState>()(() => ({
    text: initialText,
    origin: 'default',
    table: parsed.table,
    diagnostics: parsed.diagnostics,
    ...SCENARIO_VIEW,
    syntax: 'att',
    theme: 'system',
    decoder: null,
    disassembler: null,
    disasmError: null,
    notice: null,
    recoverableDraft: null,
    linkBanner: null,
    kernelLoad: INITIAL_KERNEL_LOAD,
  }));
}
