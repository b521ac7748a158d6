import type { Addr, Diagnostic, FeatureIndex, KernelVersion, PatchLoop, Site } from '../model';
import type { EntryOutcome } from './outcome';

export type { EntryOutcome } from './outcome';
import type { PassRecord } from '../passes/types';

/** Why an entry is or is not taken at its site. */
export interface EntryVerdict {
  /** Feature condition true: `has(cpuid) XOR (flags & ALT_FLAG_NOT)`. */
  eligible: boolean;
  /** This entry's bytes are what the site ends up with. */
  selected: boolean;
  /** Plain words: "XSAVEC off", "NOT: XENPV is on", "a later eligible entry wins". */
  reason: string;
  /** What the entry did under the loop that ran (describeOutcome() says it in words). */
  outcome: EntryOutcome;
}

/** One relocation applied to the copied replacement. */
export interface Relocation {
  /** Offset of the instruction within the site. */
  offset: number;
  kind: 'branch' | 'rip-relative';
  /** Offset of the patched field within the site, and its width in bytes. */
  fieldOffset: number;
  width: number;
  oldDisp: number;
  newDisp: number;
  /** Absolute target address after relocation. */
  target: Addr;
  /** `e9 rel32` shrunk to `eb rel8` + `cc` fill. */
  shrunk?: boolean;
}

/** A NOP run the optimizer rewrote: `[start:end)` of the site. */
export interface NopRun {
  start: number;
  end: number;
  before: Uint8Array;
  after: Uint8Array;
}

/** One write to the site (`text_poke_early`). */
export interface SiteWrite {
  /** Index of the entry (within the site) whose pass made the write; null = no entry applied. */
  entry: number | null;
  before: Uint8Array;
  after: Uint8Array;
  /** What the write was: applying an entry, or only re-optimising NOPs. */
  kind: 'apply' | 'optimize-nops';
}

/** A `DIRECT_CALL` rewrite: the pointer slot read and the call target found there. */
export interface DirectCallRewrite {
  entry: number;
  slot: Addr;
  /** Pointer value read (0n for NULL). */
  pointer: Addr;
  /** Resulting target: the pointer, `BUG_func` for NULL; `nop_func` makes the site NOPs. */
  target: Addr;
  targetName?: string;
  becameNops: boolean;
}

/** Everything the chosen loop did at one site. */
export interface SiteResult {
  addr: Addr;
  symbol?: string;
  /** Site length: the longest `instrlen` of its entries. */
  len: number;
  /** Index (within the site) of the entry whose bytes won, or null. */
  selected: number | null;
  verdicts: EntryVerdict[];
  original: Uint8Array;
  final: Uint8Array;
  writes: SiteWrite[];
  relocations: Relocation[];
  nopRuns: NopRun[];
  directCall?: DirectCallRewrite;
  diagnostics: Diagnostic[];
  /**
   * The `debug-alternative` lines this kernel would print for the site (no timestamps). On
   * results from the patch loops this is an accessor that formats the lines on first read
   * (`SiteRecord`, lazyLog.ts): read `result.log`, do not rely on `{ ...result }` copying it.
   */
  log: string[];
}

export interface PatchReport {
  kernel: KernelVersion;
  loop: PatchLoop;
  features: FeatureIndex[];
  sites: SiteResult[];
  /** What the boot passes before the alternatives wrote (6.1's paravirt pass), in order. */
  passes?: PassRecord[];
  /** Table-level diagnostics (not tied to a site). */
  diagnostics: Diagnostic[];
}

export interface SimulateOptions {
  kernel: KernelVersion;
  loop: PatchLoop;
  /** Present features (ALWAYS is implied). */
  features: ReadonlySet<number>;
  /**
   * What the boot passes before the alternatives (retpolines, return thunks …) left at some
   * sites, by address, when they were run elsewhere (the app's boot worker): those sites start
   * from these bytes instead of the table's, as `altscope patch` does on such an image.
   */
  start?: ReadonlyMap<bigint, Uint8Array>;
}

export type { Site };
