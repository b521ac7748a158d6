import type { AltTable, Diagnostic, KernelVersion, Site } from '../model';
import { getProfile } from '../profiles';
import { runPasses } from '../passes/pipeline';
import {
  emptyBootTables,
  type BootPass,
  type PassName,
  type PassRecord,
  type TextImage,
} from '../passes/types';
import { memoryOf, type KernelMemory } from './memory';
import type { InsnDecoder } from '../ports';
import { siteLength } from '../table/groupSites';
import { paravirtPass } from '../passes/paravirt';
import { createTextImage } from '../passes/rangeImage';
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
  const sites: SiteResult[] = [];
  const { kernel, loop, features, diagnostics, passes } = simulateEach(table, opts, decoder, (r) =>
    sites.push(r),
  );
  return { kernel, loop, features, sites, diagnostics, ...(passes ? { passes } : {}) };
}

/**
 * `simulate`, handing each site's result to `onSite` as it is made (in table order) instead of
 * keeping it: a consumer that writes a result out and drops it lets a kernel's 6,000 results die
 * young rather than be copied through every scavenge (issue 13). The report has no `sites`.
 */
export function simulateEach(
  table: AltTable,
  opts: SimulateOptions,
  decoder: InsnDecoder,
  onSite: (res: SiteResult, index: number) => void,
): Omit<PatchReport, 'sites'> {
  const ctx = createPatchContext(table, opts, decoder);
  const before = passesBeforeAlternatives(table, opts.kernel, decoder, ctx.memory);
  const written = new Map<bigint, Uint8Array>();
  table.sites.forEach((site, i) => {
    const prev = written.get(site.addr);
    const start =
      before?.image.read(site.addr, site.original.length) ??
      opts.start?.get(site.addr) ??
      site.original;
    const res = patchSite(site, ctx, prev ? overlay(start, prev) : start);
    written.set(site.addr, res.final);
    onSite(res, i);
  });
  const features = [...opts.features].sort((a, b) => a - b) as PatchReport['features'];
  const report: Omit<PatchReport, 'sites'> = {
    kernel: opts.kernel,
    loop: opts.loop,
    features,
    diagnostics: before?.diagnostics ?? [],
  };
  if (before) report.passes = before.records;
  return report;
}

/**
 * The profile's passes that run before the alternatives and that a table alone can feed (6.1's
 * paravirt over `.parainstructions`), through the boot pipeline over the few bytes the table
 * knows; the alternatives then start from what they left (`image`). Undefined when none runs.
 */
export function passesBeforeAlternatives(
  table: AltTable,
  kernel: KernelVersion,
  decoder: InsnDecoder,
  memory?: KernelMemory,
): { image: TextImage; records: PassRecord[]; diagnostics: Diagnostic[] } | undefined {
  const plan = getProfile(kernel).plan;
  const diagnostics: Diagnostic[] = [];
  const fromTable: Partial<Record<PassName, BootPass>> = table.paravirt?.length
    ? { paravirt: paravirtPass(table, diagnostics, memory) }
    : {};
  const early = plan.passes.slice(0, plan.passes.indexOf('alternatives'));
  const only = new Set(early.filter((p) => fromTable[p] !== undefined));
  if (only.size === 0) return undefined;
  const image = createTextImage([
    ...table.sites.map((s) => ({ addr: s.addr, bytes: s.original })),
    ...(table.paravirt ?? []).map((p) => ({ addr: p.addr, bytes: p.original })),
  ]);
  const mem = memory ?? memoryOf(table);
  const runs = runPasses(
    plan,
    {
      image,
      tables: emptyBootTables(),
      has: () => false,
      symbol: (n) => mem.symbol(n),
      isInit: () => false,
      options: {},
      decoder,
    },
    fromTable,
    only,
  );
  return { image, records: runs.flatMap((r) => r.records), diagnostics };
}

function overlay(original: Uint8Array, prev: Uint8Array): Uint8Array {
  const out = original.slice();
  out.set(prev.subarray(0, Math.min(prev.length, out.length)));
  return out;
}
