import type { Addr, Severity } from '../model';

/** Stable lint codes; `kernel-bug…` codes are the core's own diagnostics, passed through. */
export type LintCode =
  | 'cpuid-mismatch'
  | 'replacement-too-long'
  | 'never-wins'
  | 'branch-into-aux'
  | 'branch-into-site'
  | 'bad-decode'
  | `kernel-bug${string}`;

/** One finding at one site. */
export interface LintFinding {
  code: LintCode;
  severity: Severity;
  site: Addr;
  symbol?: string;
  /** Entry within the site, when the finding is about one entry. */
  entry?: number;
  /** One line. */
  message: string;
}

export interface LintInfo {
  title: string;
  explanation: string;
}

/** Title and explanation per code, for `altscope lint` and the UI. */
export const LINT_CATALOG: Readonly<Record<string, LintInfo>> = {
  'cpuid-mismatch': {
    title: 'replacement needs a CPU feature its entry does not guarantee',
    explanation:
      'An entry is applied when its feature is present (or, with ALT_FLAG_NOT, absent). Every instruction of its replacement must then be executable: its CPUID requirement (as iced-x86 reports it) must be baseline x86-64, a hint that older CPUs run as a NOP, or implied by the entry feature. Otherwise a CPU with the feature but without the instruction takes #UD at the site.',
  },
  'replacement-too-long': {
    title: 'replacementlen exceeds the site length',
    explanation:
      'The kernel copies replacementlen bytes into its buffer but writes only the site length (the longest instrlen): the tail of the replacement is cut off and the site ends mid-instruction. The macros pad the original so this cannot happen; a hand-made or corrupt table can.',
  },
  'never-wins': {
    title: 'no feature combination selects this entry',
    explanation:
      'The last eligible entry of a site wins. An entry wins only if it is eligible while every later entry is not; when its condition contradicts a later one (the same feature, or ALWAYS), its replacement is dead: it can only ever be an intermediate state under multi-pass.',
  },
  'branch-into-aux': {
    title: 'a branch lands in .altinstr_aux',
    explanation:
      '.altinstr_aux lives in the init area and is freed after boot. A relocated branch of a replacement (or a branch left in the final bytes) that targets it jumps into freed memory once init is done.',
  },
  'branch-into-site': {
    title: 'a relocated branch lands inside the patched site',
    explanation:
      'A branch whose target lies outside its replacement is relocated to keep its absolute target. If that target is inside the site being patched (rather than at its end), it lands in bytes the patch itself rewrote: padding, NOPs or the middle of an instruction.',
  },
  'bad-decode': {
    title: 'bytes do not decode cleanly to the end',
    explanation:
      "The kernel's relocation and NOP passes walk the site instruction by instruction. Original, replacement or final bytes that contain an invalid instruction or an instruction running past the end stop those walks early (relocation WARNs) and usually mean a wrong length or a corrupt table.",
  },
  'kernel-bug': {
    title: 'the kernel would BUG() here',
    explanation:
      'The simulator found a condition on which this kernel calls BUG() while patching (site too long, feature out of range, 8-bit branch overflow, DIRECT_CALL on something that is not the expected call). The boot stops at this site.',
  },
};

/** The catalogue entry for a code (all `kernel-bug…` codes share one). */
export function describeLint(code: string): LintInfo {
  return (
    LINT_CATALOG[code] ??
    LINT_CATALOG[code.startsWith('kernel-bug') ? 'kernel-bug' : ''] ?? {
      title: code,
      explanation: '',
    }
  );
}
