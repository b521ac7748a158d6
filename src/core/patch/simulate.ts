import type { AltTable, Site } from '../model';
import type { InsnDecoder } from '../ports';
import { siteLength } from '../table/groupSites';
import type { PatchContext } from './context';
import { createPatchContext } from './context';
import { patchSiteInPlace } from './inPlace';
import { patchSiteMultiPass } from './multiPass';
import type { PatchReport, SimulateOptions, SiteResult } from './report';
import { patchSiteSinglePass } from './singlePass';
import type { SiteLoopKind } from '../profiles';

const SITE_LOOPS: Record<
  SiteLoopKind,
  (site: Site, ctx: PatchContext, start: Uint8Array, len: number) => SiteResult
> = {
  'in-place': patchSiteInPlace,
  'multi-pass': patchSiteMultiPass,
  'single-pass': patchSiteSinglePass,
};

/**
 * Patch one site with the context's loop. `current` is what memory holds at the site before this
 * site is processed (defaults to its original bytes); a site shorter than its longest `instrlen`
 * is padded with `0x90` and reported.
 */
export function patchSite(
  site: Site,
  ctx: PatchContext,
  current: Uint8Array = site.original,
): SiteResult {
  const len = siteLength(site.entries);
  let start = current;
  let short = false;
  if (start.length !== len) {
    short = start.length < len;
    const fixed = new Uint8Array(len).fill(0x90);
    fixed.set(start.subarray(0, len));
    start = fixed;
  }
  const res = SITE_LOOPS[ctx.profile.loops[ctx.loop]](site, ctx, start, len);
  if (short) {
    res.diagnostics.push({
      severity: 'warning',
      code: 'original-too-short',
      message: `the site has ${current.length} original bytes but its longest instrlen is ${len}; padded with 0x90`,
      site: site.addr,
    });
  }
  return res;
}

/**
 * Run the whole table. Sites are independent except when an address repeats non-consecutively
 * (the kernel treats it as a new site over the bytes already written), which is modelled here.
 */
export function simulate(
  table: AltTable,
  opts: SimulateOptions,
  decoder: InsnDecoder,
): PatchReport {
  const ctx = createPatchContext(table, opts, decoder);
  const written = new Map<bigint, Uint8Array>();
  const sites: SiteResult[] = [];
  for (const site of table.sites) {
    const prev = written.get(site.addr);
    const res = patchSite(site, ctx, prev ? overlay(site.original, prev) : site.original);
    written.set(site.addr, res.final);
    sites.push(res);
  }
  const features = [...opts.features].sort((a, b) => a - b) as PatchReport['features'];
  return { kernel: opts.kernel, loop: opts.loop, features, sites, diagnostics: [] };
}

function overlay(original: Uint8Array, prev: Uint8Array): Uint8Array {
  const out = original.slice();
  out.set(prev.subarray(0, Math.min(prev.length, out.length)));
  return out;
}
