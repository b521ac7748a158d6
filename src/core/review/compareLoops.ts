import type { Addr, AltTable, Diagnostic, Site } from '../model';
import { ALT_FLAG_DIRECT_CALL } from '../model';
import type { PatchReport, SiteResult, SiteWrite } from '../patch/report';
import { equalBytes, toSpacedHex } from './bytes';
import type { ReviewDeps, RunOptions } from './context';
import { buildSimulateOptions, describeFeature } from './context';

/** Why the two patch loops disagree (or might be observed to) at a site. */
export type LoopDiffCause = 'direct-call-order' | 'intermediate-visible' | 'padding' | 'other';

export interface LoopDiffReason {
  cause: LoopDiffCause;
  /** One sentence naming the entries involved. */
  detail: string;
}

/** A multi-pass write whose bytes were live at the site but are not the final bytes. */
export interface IntermediateWrite {
  /** Index into the multi-pass site's `writes`. */
  write: number;
  entry: number | null;
  bytes: Uint8Array;
}

/** One site as both loops left it. */
export interface LoopComparison {
  siteIndex: number;
  addr: Addr;
  symbol?: string;
  single: SiteResult;
  multi: SiteResult;
  finalsDiffer: boolean;
  diagnosticsDiffer: boolean;
  /** Final bytes or diagnostics differ: what makes `diff-engines` exit 1. */
  differs: boolean;
  intermediates: IntermediateWrite[];
  reasons: LoopDiffReason[];
}

export interface LoopsComparison {
  single: PatchReport;
  multi: PatchReport;
  /** Sites whose final bytes or diagnostics differ. */
  differing: LoopComparison[];
  /** Sites whose finals agree but where multi-pass made other bytes live first. */
  intermediateOnly: LoopComparison[];
}

/** Run both loops on one table under one kernel profile and explain every disagreement. */
export function compareLoops(
  table: AltTable,
  deps: ReviewDeps,
  opts: RunOptions = {},
): LoopsComparison {
  const single = deps.simulate(
    table,
    buildSimulateOptions(table, 'single-pass', opts.features, opts.kernel),
    deps.decoder,
  );
  const multi = deps.simulate(
    table,
    buildSimulateOptions(table, 'multi-pass', opts.features, opts.kernel),
    deps.decoder,
  );
  const differing: LoopComparison[] = [];
  const intermediateOnly: LoopComparison[] = [];
  const count = Math.min(single.sites.length, multi.sites.length, table.sites.length);
  for (let i = 0; i < count; i++) {
    const cmp = compareSite(i, table.sites[i]!, single.sites[i]!, multi.sites[i]!, deps);
    if (cmp.differs) differing.push(cmp);
    else if (cmp.intermediates.length > 0) intermediateOnly.push(cmp);
  }
  return { single, multi, differing, intermediateOnly };
}

/** Compare one site's two results; exported for the site view, which already has both. */
export function compareSite(
  siteIndex: number,
  site: Site,
  single: SiteResult,
  multi: SiteResult,
  deps: Pick<ReviewDeps, 'featureName'>,
): LoopComparison {
  const finalsDiffer = !equalBytes(single.final, multi.final);
  const diagnosticsDiffer = diagnosticKey(single.diagnostics) !== diagnosticKey(multi.diagnostics);
  const differs = finalsDiffer || diagnosticsDiffer;
  const intermediates = findIntermediates(multi);
  const reasons: LoopDiffReason[] = [
    ...explainDirectCalls(site, multi, deps),
    ...(intermediates.length > 0 ? [describeIntermediates(intermediates)] : []),
  ];
  if (differs && !reasons.some((r) => r.cause !== 'intermediate-visible')) {
    reasons.push({
      cause: 'other',
      detail: finalsDiffer
        ? `single-pass leaves ${toSpacedHex(single.final)}, multi-pass ${toSpacedHex(multi.final)}`
        : 'the loops report different diagnostics',
    });
  }
  return {
    siteIndex,
    addr: site.addr,
    ...(site.symbol !== undefined ? { symbol: site.symbol } : {}),
    single,
    multi,
    finalsDiffer,
    diagnosticsDiffer,
    differs,
    intermediates,
    reasons,
  };
}

/** Codes (not messages) decide: the loops word the same BUG differently in their logs. */
function diagnosticKey(diags: readonly Diagnostic[]): string {
  return diags
    .map((d) => `${d.severity}:${d.code}`)
    .sort()
    .join('|');
}

/**
 * Writes after the first replacement was applied whose bytes are not the final ones. NOP-only
 * passes over the untouched original are not counted: they re-encode padding, nothing else.
 */
export function findIntermediates(multi: SiteResult): IntermediateWrite[] {
  const out: IntermediateWrite[] = [];
  let applied = false;
  multi.writes.forEach((w, i) => {
    if (w.kind === 'apply') applied = true;
    const last = i === multi.writes.length - 1;
    if (!applied || last || equalBytes(w.after, multi.final)) return;
    out.push({ write: i, entry: w.entry, bytes: w.after });
  });
  return out;
}

function describeIntermediates(list: IntermediateWrite[]): LoopDiffReason {
  const states = list
    .map(
      (w) =>
        `${w.entry === null ? 'a NOP pass' : `entry #${w.entry}`} left ${toSpacedHex(w.bytes)}`,
    )
    .join('; ');
  return {
    cause: 'intermediate-visible',
    detail: `multi-pass made ${list.length} intermediate state${list.length === 1 ? '' : 's'} live: ${states}`,
  };
}

/** The bytes at the site when multi-pass reached entry `k`: the last earlier write, or the original. */
export function bytesBeforeEntry(multi: SiteResult, k: number): Uint8Array {
  const own = multi.writes.find((w) => w.entry === k);
  if (own) return own.before;
  let state = multi.original;
  for (const w of multi.writes as SiteWrite[]) {
    if (w.entry === null || w.entry < k) state = w.after;
  }
  return state;
}

/** `ff 15 disp32`: the `call *disp(%rip)` a DIRECT_CALL entry must find. */
function isIndirectCall(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0x15;
}

/** The two multi-pass-only failures of DIRECT_CALL entries (kernel-semantics §4.3, §10). */
function explainDirectCalls(
  site: Site,
  multi: SiteResult,
  deps: Pick<ReviewDeps, 'featureName'>,
): LoopDiffReason[] {
  const reasons: LoopDiffReason[] = [];
  const siteLen = Math.max(0, ...site.entries.map((e) => e.instrlen));
  site.entries.forEach((entry, k) => {
    if ((entry.flags & ALT_FLAG_DIRECT_CALL) === 0 || !multi.verdicts[k]?.eligible) return;
    const name = `DIRECT_CALL entry #${k} (${describeFeature(deps, entry.cpuid)})`;
    const seen = bytesBeforeEntry(multi, k).subarray(0, 6);
    if (isIndirectCall(site.original) && !equalBytes(seen, site.original.subarray(0, 6))) {
      const writer = [...multi.writes]
        .reverse()
        .find((w) => w.kind === 'apply' && w.entry !== null && w.entry < k);
      const by = writer
        ? `entry #${writer.entry} wrote first`
        : 'an earlier write changed the site';
      reasons.push({
        cause: 'direct-call-order',
        detail: `${by}: ${name} needed the original call *disp(%rip) (${toSpacedHex(site.original.subarray(0, 6))}) but found ${toSpacedHex(seen)}`,
      });
    }
    if (entry.instrlen === 6 && siteLen !== 6) {
      reasons.push({
        cause: 'padding',
        detail: `${name} has instrlen 6, but multi-pass checks the group-maxed instrlen ${siteLen} (an outer entry padded the site)`,
      });
    }
  });
  return reasons;
}
