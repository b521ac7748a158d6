/**
 * What the site search box matches, per site, lowercase: the address, the symbol, each entry's
 * feature (bare name and `X86_FEATURE_…` macro) and flags (`DIRECT_CALL`, `ALT_FLAG_NOT`), and
 * the mnemonics of the original and of every replacement — the final bytes are one of those
 * (or NOPs), so `xsaveopt64` finds the XSAVE site whichever entry the CPU picks.
 */
import { getCatalogue } from '../core/features';
import { formatFeatureIndex } from '../core/features';
import type { AltEntry, AltTable, KernelVersion, Site } from '../core/model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../core/model';
import type { AsmSyntax, Disassembler } from '../core/ports';

/** How sites are named for the search; build one per kernel/disassembler/syntax (identity caches). */
export interface SiteSearchTerms {
  kernel: KernelVersion;
  /** Absent until iced-x86 has loaded: then mnemonics are not searchable yet. */
  disassembler?: Disassembler | null;
  syntax?: AsmSyntax;
}

function entryWords(e: AltEntry, kernel: KernelVersion): string {
  const f = getCatalogue(kernel).byIndex.get(e.cpuid);
  const words = f ? [f.name, f.macro] : [formatFeatureIndex(e.cpuid)];
  if (e.flags & ALT_FLAG_NOT) words.push('NOT', 'ALT_FLAG_NOT');
  if (e.flags & ALT_FLAG_DIRECT_CALL) words.push('DIRECT_CALL', 'ALT_FLAG_DIRECT_CALL');
  return words.join(' ');
}

function mnemonics(terms: SiteSearchTerms, bytes: Uint8Array, ip: bigint): string {
  if (!terms.disassembler || bytes.length === 0) return '';
  return terms.disassembler
    .disassemble(bytes, ip, terms.syntax)
    .map((i) => i.text.split(' ')[0] ?? '')
    .join(' ');
}

export function siteSearchText(site: Site, terms: SiteSearchTerms): string {
  const parts = [`0x${site.addr.toString(16)}`, site.symbol ?? ''];
  parts.push(mnemonics(terms, site.original, site.addr));
  for (const e of site.entries) {
    parts.push(entryWords(e, terms.kernel));
    parts.push(mnemonics(terms, e.replacement, e.repl));
  }
  return parts.join(' ').toLowerCase();
}

/**
 * Search texts per site, built once per table and terms (a kernel's 6,000+ sites: rebuilding
 * them on every toggle was most of its cost). The terms are stable per kernel profile,
 * disassembler and syntax (`useMemo`), so a profile switch rebuilds them with the new names.
 */
const cache = new WeakMap<AltTable, { terms: SiteSearchTerms; texts: Map<Site, string> }>();

export function siteSearchTexts(table: AltTable | null, terms: SiteSearchTerms): Map<Site, string> {
  if (!table) return new Map();
  const cached = cache.get(table);
  if (cached && cached.terms === terms) return cached.texts;
  const texts = new Map<Site, string>();
  for (const site of table.sites) texts.set(site, siteSearchText(site, terms));
  cache.set(table, { terms, texts });
  return texts;
}
