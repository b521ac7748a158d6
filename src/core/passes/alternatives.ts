import type { AltEntry, AltTable, Site } from '../model';
import type { InsnDecoder } from '../ports';
import { createPatchContext } from '../patch/context';
import type { SimulateOptions, SiteResult } from '../patch/report';
import { patchSite } from '../patch/simulate';
import { siteLength } from '../table/groupSites';
import type { BootPass, PassRecord, TextImage } from './types';

/** A site as the alternatives pass found it: what the earlier passes left there. */
export interface AltSiteRun {
  result: SiteResult;
  /** The site's bytes when `apply_alternatives()` reached it. */
  before: Uint8Array;
  /** Entries whose replacement an earlier pass had rewritten (`.altinstr_replacement`). */
  rewrittenReplacements: number[];
}

/**
 * `apply_alternatives()` over the image as the earlier passes left it: each site starts from the
 * bytes in memory (a return thunk or retpoline may have been rewritten there) and copies its
 * replacement from memory too (those passes also patch inside `.altinstr_replacement`).
 * `onSite` receives every site's full result (for reports that want more than the records).
 */
export function alternativesPass(
  table: AltTable,
  opts: SimulateOptions,
  decoder: InsnDecoder,
  onSite?: (run: AltSiteRun) => void,
): BootPass {
  return ({ image }) => {
    const ctx = createPatchContext(table, opts, decoder);
    const out: PassRecord[] = [];
    for (const site of table.sites) {
      const len = siteLength(site.entries);
      const before = image.read(site.addr, len) ?? site.original;
      const { site: live, rewritten } = withLiveReplacements(site, image);
      const result = patchSite(live, ctx, before);
      image.write(site.addr, result.final);
      const chosen = result.selected === null ? undefined : site.entries[result.selected];
      const what = chosen
        ? `entry ${result.selected} (feature ${chosen.cpuid}${chosen.flags & 1 ? ', NOT' : ''})`
        : 'no entry applies: NOPs optimised';
      out.push({ pass: 'alternatives', addr: site.addr, before, after: result.final, what });
      onSite?.({ result, before, rewrittenReplacements: rewritten });
    }
    return out;
  };
}

/** The site with each replacement read from memory, when an earlier pass changed one. */
function withLiveReplacements(site: Site, image: TextImage) {
  const rewritten: number[] = [];
  let entries: AltEntry[] | undefined;
  site.entries.forEach((e, i) => {
    if (e.replacementlen === 0) return;
    const now = image.read(e.repl, e.replacementlen);
    if (!now || now.every((b, k) => b === e.replacement[k])) return;
    entries ??= site.entries.slice();
    entries[i] = { ...e, replacement: now };
    rewritten.push(i);
  });
  return { site: entries ? { ...site, entries } : site, rewritten };
}
