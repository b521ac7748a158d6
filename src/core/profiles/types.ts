/**
 * A kernel generation as data: how its `struct alt_instr` is laid out, how its macros pad a
 * site, its NOPs and NOP optimiser, its relocation engine, its patch loop, its log format, its
 * feature catalogue (by version, features/catalogueData.ts) and the boot passes it runs in order. Adding a generation adds one profile
 * file beside these, not `if (kernel === …)` in the loops.
 */
import type { AltEntry, KernelVersion, PatchLoop, Site } from '../model';
import type { InsnDecoder } from '../ports';
import type { PassPlan } from '../passes/order';
import type { OnNopRun } from '../patch/nops';
import type { RelocationStop } from '../patch/relocate';
import type { Relocation } from '../patch/report';

/** What a relocation engine did to the copied replacement. */
export interface RelocationOutcome {
  relocations: Relocation[];
  stop?: RelocationStop;
  /** DPRINTK lines it printed (6.1's `Fix CALL offset`, `target RIP`, `final displ`). */
  lines?: string[];
}

/**
 * Fix up the replacement copied into `buf` (site-sized, padded with `0x90`) for running at
 * `e.instr` instead of `e.repl`.
 */
export type RelocateEngine = (
  buf: Uint8Array,
  len: number,
  e: AltEntry,
  decoder: InsnDecoder,
) => RelocationOutcome;

/** `optimize_nops()` of a generation, on `buf[0..len)`; `onRun` hears of every rewrite. */
export type NopOptimizer = (
  buf: Uint8Array,
  len: number,
  decoder: InsnDecoder,
  onRun?: OnNopRun,
) => void;

/** The site loops the engine implements (src/core/patch). */
export type SiteLoopKind = 'in-place' | 'multi-pass' | 'single-pass';

export interface KernelProfile {
  version: KernelVersion;
  /** `sizeof(struct alt_instr)`: 12 before 6.3, 14 since. */
  entrySize: 12 | 14;
  /**
   * Where the feature and its flags live: `cpuid-u16` (6.1: `u16 cpuid`, bit 15 = NOT) or
   * `ft-flags-u32` (6.3+: `cpuid:16 | flags:16`).
   */
  entryFields: 'cpuid-u16' | 'ft-flags-u32';
  /** ALTERNATIVE_2/3 as one padded site with equal `instrlen`s (flat), or nested (6.11+). */
  macroLayout: 'flat' | 'nested';
  /** `ALT_FLAG_DIRECT_CALL` exists (6.8+). */
  directCall: boolean;
  /** `ASM_NOP_MAX`: the longest NOP in `x86_nops[]`. */
  asmNopMax: number;
  optimizeNops: NopOptimizer;
  /** 6.1: CALL fix + `recompute_jump()`; 6.4+: decoder-based `apply_relocation()`. */
  relocationEngine: 'recompute-jump' | 'decoder';
  relocate: RelocateEngine;
  /** The loop this kernel runs. */
  defaultLoop: PatchLoop;
  /** Which site loop implements each loop choice (the other one is a what-if). */
  loops: Record<PatchLoop, SiteLoopKind>;
  /** The `feat:` line of `debug-alternative`. */
  formatFeatLine(site: Site, e: AltEntry, len: number): string;
  /** Log dialect, for reading boot logs back: 6.1 marks NOT with `!` and prints no flags. */
  logFormat: 'feat-not-mark' | 'feat-flags';
  // The feature catalogue is `features/cpufeatures-<version>.json` (features/catalogueData.ts):
  // kept out of the profile so modules that need only the rules (model.ts → defaultLoop, the
  // permalink codec, Playwright specs) do not load JSON.
  /** The boot passes that rewrite text, in the kernel's order, and how they write. */
  plan: PassPlan;
}
