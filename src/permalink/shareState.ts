import type { KernelVersion, PatchLoop } from '../core/model';
import { defaultLoop } from '../core/model';

/** Which assembly syntax the disassembly columns use. */
export type AsmSyntax = 'att' | 'intel';

/** The review panel's tools, in the order the tabs show them. */
export const REVIEW_TABS = [
  'timeline',
  'loops',
  'ruler',
  'truth',
  'lints',
  'teach',
  'diff',
  // Issue 11: the selected site on every CPU preset at once; two kernels side by side.
  'cpus',
  'kernels',
] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number];

/** How the site columns are shown; none of this changes what is computed. */
export interface ViewOptions {
  /** Disassembly syntax. Default `'att'` (what `objdump -d` and the kernel logs use). */
  syntax: AsmSyntax;
  /** Explain every step in prose beside the columns. Default `false`. */
  teachingMode: boolean;
  /** Show the single-pass and multi-pass results side by side. Default `false`. */
  compareLoops: boolean;
  /**
   * The open review tab when `teachingMode`/`compareLoops` do not already say it. Default: none
   * (absent). Added after v1 was published; older altscope versions ignore it with a warning.
   */
  tab?: ReviewTab;
}

/**
 * Everything a permalink carries: the scenario and the choices that reproduce a view.
 * Decoding always yields a complete state (defaults filled in); encoding writes only the fields
 * that differ from their default, so links stay short and old links gain new defaults.
 */
export interface ShareState {
  /**
   * The scenario exactly as the user typed it (text format or JSON). `undefined` means the app's
   * built-in default scenario; the app and the CLI always fill it in, so a link does not change
   * meaning when the default scenario changes.
   */
  scenario?: string;
  /** Extra CPU features switched on, as typed (`XSAVEC`, `X86_FEATURE_XSAVES`, `10*32+1`). Default `[]`. */
  features: string[];
  /**
   * Features the scenario itself declares present that the link turns off, spelled like
   * `features`. Default: none (absent, same as `[]`). Added after v1 was published; older
   * altscope versions ignore the key (with a warning) and show those features on.
   */
  featuresOff?: string[];
  /** Kernel profile. Default `'7.2'`. */
  kernel: KernelVersion;
  /** Patch loop. Default: the profile's own loop (`7.2` single-pass, `6.12` multi-pass). */
  engine: PatchLoop;
  /** The focused site's address as shown (`0xffffffff81283cd3`, `.text+0x40`). Default: none. */
  site?: string;
  /** Further selected sites (addresses as shown), in selection order. Default `[]`. */
  sites: string[];
  /** View options. */
  view: ViewOptions;
  /**
   * For sites taken from a kernel image: its `linux_banner` ("Linux version 7.2.13+deb14-…"),
   * so whoever opens the link knows which build they came from. Default: none (absent). Added
   * after v1 was published; older altscope versions ignore the key with a warning.
   */
  banner?: string;
}

/** The kernel profile a link without `kernel` opens with. */
export const DEFAULT_KERNEL: KernelVersion = '7.2';

/** Default view options. */
export const DEFAULT_VIEW: Readonly<ViewOptions> = Object.freeze({
  syntax: 'att',
  teachingMode: false,
  compareLoops: false,
});

/** A fresh default state (a new object each call, safe to mutate). */
export function createDefaultShareState(): ShareState {
  return {
    features: [],
    kernel: DEFAULT_KERNEL,
    engine: defaultLoop(DEFAULT_KERNEL),
    sites: [],
    view: { ...DEFAULT_VIEW },
  };
}
