/**
 * The kernel's alternatives model, in the kernel's own words.
 * One concept each: entries (`struct alt_instr`), sites (consecutive entries at one address),
 * the memory a table can read (pv_ops slots), and the symbols it names.
 */
// The profiles and what they import may take only types from this module (it is still loading
// when they run): a value import there would see undefined (profiles/loadOrder.test.ts).
import { getProfile } from './profiles';
import type { MacroExpansion } from './macros/expand';

/** A 64-bit kernel virtual address (or a section-relative offset for relocatable objects). */
export type Addr = bigint & { readonly __brand: 'Addr' };
/** `word*32 + bit` index into `x86_capability[]` (caps words, then bug words). */
export type FeatureIndex = number & { readonly __brand: 'FeatureIndex' };

export const toAddr = (v: bigint | number): Addr => BigInt.asUintN(64, BigInt(v)) as Addr;
export const toFeatureIndex = (v: number): FeatureIndex => v as FeatureIndex;

/** Kernel profiles altscope reproduces byte for byte (src/core/profiles: one file each). */
export type KernelVersion = '6.1' | '6.12' | '7.2' | '7.3';
export const KERNEL_VERSIONS: readonly KernelVersion[] = ['6.1', '6.12', '7.2', '7.3'];

/**
 * The patch loop: 7.x writes each site once; 6.x writes once per eligible entry (6.1 in place,
 * entry by entry; 6.12 with group-maxed lengths).
 */
export type PatchLoop = 'single-pass' | 'multi-pass';
export const PATCH_LOOPS: readonly PatchLoop[] = ['single-pass', 'multi-pass'];
/** The loop the kernel itself runs. */
export const defaultLoop = (k: KernelVersion): PatchLoop => getProfile(k).defaultLoop;

/** `ALT_FLAG_NOT`: patch iff the feature is absent. */
export const ALT_FLAG_NOT = 1 << 0;
/** `ALT_FLAG_DIRECT_CALL`: turn `call *pv_ops+x(%rip)` into a direct call (6.8+). */
export const ALT_FLAG_DIRECT_CALL = 1 << 1;
/** `MAX_PATCH_LEN`: the kernel's patch buffer; longer sites BUG. */
export const MAX_PATCH_LEN = 254;

/** Where something came from, for diagnostics: a text position or a byte offset in a file. */
export type SourceLocation =
  | { kind: 'text'; line: number; column: number; file?: string }
  | { kind: 'offset'; offset: number; file?: string; what?: string };

/** One `struct alt_instr`, with its replacement bytes resolved. */
export interface AltEntry {
  /** Site address (`instr_va`). */
  instr: Addr;
  /** Replacement address in `.altinstr_replacement`. */
  repl: Addr;
  /** Feature index (`ft_flags & 0xffff`). */
  cpuid: FeatureIndex;
  /** `ALT_FLAG_*` bits (`ft_flags >> 16`). */
  flags: number;
  /** Original length including padding, as emitted for this nesting level. */
  instrlen: number;
  /** Replacement length. */
  replacementlen: number;
  /** The replacement bytes (`replacementlen` long). */
  replacement: Uint8Array;
  /** Position in `.altinstructions` (table order). */
  tableIndex: number;
  source?: SourceLocation;
}

/** A patch site: consecutive entries with the same `instr`, in table order. */
export interface Site {
  addr: Addr;
  /** The macro this site was written as (text scenarios), with its layout per level. */
  expansion?: MacroExpansion;
  /** `%pS`-style name, e.g. `save_fpregs_to_fpstate+0x43/0xa0`. */
  symbol?: string;
  /** Section-relative place in a relocatable object (`.text+0x30`); absent for vmlinux. */
  place?: string;
  /** Original bytes at the site, as long as the longest `instrlen`. */
  original: Uint8Array;
  entries: AltEntry[];
  source?: SourceLocation;
}

/** Bytes the kernel can read that are not sites, e.g. `pv_ops` pointer slots. */
export interface MemoryRange {
  addr: Addr;
  bytes: Uint8Array;
}

/** A named address (`nop_func`, `BUG_func`, call targets). */
export interface KernelSymbol {
  name: string;
  addr: Addr;
}

/**
 * One `struct paravirt_patch_site` of 6.1's `.parainstructions` (`u8 *instr; u8 type; u8 len`):
 * an indirect call through slot `type` of `pv_ops` that `apply_paravirt()` rewrites at boot.
 */
export interface ParavirtSite {
  addr: Addr;
  /** Index of the `pv_ops` pointer slot (its address is `pv_ops + 8 * type`). */
  type: number;
  len: number;
  /** The bytes in the image (`len` long). */
  original: Uint8Array;
  symbol?: string;
  source?: SourceLocation;
}

/** Everything a patch loop needs: the table plus the memory and symbols it reads. */
export interface AltTable {
  kernel: KernelVersion;
  sites: Site[];
  /**
   * 6.1's paravirt patch sites, for the paravirt pass that runs before the alternatives; their
   * `pv_ops` slots are in `memory` and `pv_ops`/`_paravirt_nop`/`paravirt_BUG` in `symbols`.
   */
  paravirt?: ParavirtSite[];
  memory: MemoryRange[];
  symbols: KernelSymbol[];
  /** Features the table itself declares as present (scenario `features`). */
  features: FeatureIndex[];
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * Errors are data. `code` is stable; kernel BUG conditions start with `kernel-bug`.
 */
export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  location?: SourceLocation;
  /** The site the diagnostic belongs to, when there is one. */
  site?: Addr;
  /** Byte offset inside the site. */
  offset?: number;
}
