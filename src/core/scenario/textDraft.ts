/**
 * What the text parser collects before it can build an `AltTable`: sites and entries as
 * written, with the source positions needed to report length problems where they were typed.
 */
import type { Addr, AltEntry, Diagnostic, FeatureIndex, Site, SourceLocation } from '../model';
import { toAddr } from '../model';
import type { MacroDraft } from './textMacro';

/** Replacements without `at` are laid out one after another from here (`.altinstr_replacement`). */
export const DEFAULT_REPLACEMENT_BASE = toAddr(0xffffffff82800000n);
/** `instrlen` and `replacementlen` are u8 fields of `struct alt_instr`. */
export const U8_LIMIT = 255;

export interface EntryDraft {
  cpuid: FeatureIndex;
  flags: number;
  instrlen?: number;
  instrlenAt?: SourceLocation;
  repl?: Addr;
  /** The address given by `at` or a pasted objdump line, else the default layout's. */
  laidOut?: Addr;
  bytes: number[];
  at: SourceLocation;
}

export interface SiteDraft {
  addr: Addr;
  symbol?: string;
  at: SourceLocation;
  orig?: number[];
  origAt?: SourceLocation;
  entries: EntryDraft[];
  /** Written as a macro statement: orig and entries come from its expansion. */
  macro?: MacroDraft;
  /** A line of this site already had an error: skip whole-site checks that would only echo it. */
  broken?: boolean;
}

type Report = (d: Diagnostic) => void;

const lengthError = (at: SourceLocation, message: string): Diagnostic => ({
  severity: 'error',
  code: 'scenario-length',
  message,
  location: at,
});

/**
 * Lay replacements out as the table will: an entry without `at` follows the previous one.
 * Sites with errors are laid out too, so the editor can show addresses while they are fixed.
 */
export function layOutReplacements(drafts: readonly SiteDraft[]): void {
  let next: Addr = DEFAULT_REPLACEMENT_BASE;
  for (const site of drafts)
    for (const e of site.entries) {
      e.laidOut = e.repl ?? next;
      next = toAddr(e.laidOut + BigInt(e.bytes.length));
    }
}

/**
 * Turn drafts into sites: `instrlen` defaults to the original's length, the original must be
 * exactly as long as the longest `instrlen` (the site length), replacement addresses come from
 * layOutReplacements(). Returns undefined for a site with errors.
 */
export function buildSite(draft: SiteDraft, firstIndex: number, report: Report): Site | undefined {
  if (draft.broken) return undefined;
  const where = `site ${'0x' + draft.addr.toString(16)}`;
  if (!draft.orig) {
    report(lengthError(draft.at, `${where} has no 'orig' line (the original bytes at the site)`));
    return undefined;
  }
  if (draft.entries.length === 0) {
    report(lengthError(draft.at, `${where} has no 'alt' entries`));
    return undefined;
  }
  const origLen = draft.orig.length;
  let ok = true;
  let siteLen = 0;
  const entries: AltEntry[] = draft.entries.map((e, i) => {
    const instrlen = e.instrlen ?? origLen;
    if (instrlen > origLen) {
      report(
        lengthError(
          e.instrlenAt ?? e.at,
          `instrlen ${instrlen} is longer than the original bytes (${origLen})`,
        ),
      );
      ok = false;
    }
    if (e.bytes.length > U8_LIMIT) {
      report(
        lengthError(
          e.at,
          `replacement is ${e.bytes.length} bytes; replacementlen is a u8 (at most ${U8_LIMIT})`,
        ),
      );
      ok = false;
    }
    siteLen = Math.max(siteLen, instrlen);
    const repl = e.laidOut ?? e.repl ?? DEFAULT_REPLACEMENT_BASE;
    return {
      instr: draft.addr,
      repl,
      cpuid: e.cpuid,
      flags: e.flags,
      instrlen,
      replacementlen: e.bytes.length,
      replacement: Uint8Array.from(e.bytes),
      tableIndex: firstIndex + i,
      source: e.at,
    };
  });
  if (ok && siteLen < origLen) {
    report(
      lengthError(
        draft.origAt ?? draft.at,
        `the original bytes (${origLen}) are longer than the longest instrlen (${siteLen}); trim them or give an entry instrlen ${origLen}`,
      ),
    );
    ok = false;
  }
  if (origLen > U8_LIMIT) {
    report(
      lengthError(
        draft.origAt ?? draft.at,
        `the original is ${origLen} bytes; instrlen is a u8 (at most ${U8_LIMIT})`,
      ),
    );
    ok = false;
  }
  if (!ok) return undefined;
  const site: Site = {
    addr: draft.addr,
    original: Uint8Array.from(draft.orig),
    entries,
    source: draft.at,
  };
  if (draft.symbol !== undefined) site.symbol = draft.symbol;
  return site;
}
