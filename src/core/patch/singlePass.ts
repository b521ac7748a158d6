import type { Site } from '../model';
import type { PatchContext } from './context';
import { describeCondition, isEligible } from './eligibility';
import { deferLog } from './lazyLog';
import { deferDump } from './log';
import type { SiteResult } from './report';
import {
  bugFeatureRange,
  bugSiteTooLong,
  buildReplacement,
  optimizeSiteNops,
  startResult,
} from './siteSteps';

/**
 * 7.2's analyze_patch_site / prep_patch_site / patch_site: the last eligible entry wins, its
 * bytes are built once from the pristine original, NOPs are optimised, the site is written once.
 */
export function patchSiteSinglePass(
  site: Site,
  ctx: PatchContext,
  start: Uint8Array,
  len: number,
): SiteResult {
  const res = startResult(site, len, start);
  let winner = -1;
  for (let k = 0; k < site.entries.length; k++) {
    const e = site.entries[k]!;
    const eligible = isEligible(e, ctx.has);
    res.verdicts.push({
      eligible,
      selected: false,
      reason: describeCondition(e, ctx.has, ctx.kernel),
      outcome: eligible ? { kind: 'winner' } : { kind: 'not-eligible' },
    });
    if (eligible && winner >= 0) res.verdicts[winner]!.outcome = { kind: 'superseded', by: k };
    if (bugFeatureRange(res, e, ctx)) {
      res.verdicts[k]!.outcome = { kind: 'bug' };
      return markUnreached(res, site, k + 1, ctx);
    }
    if (eligible) winner = k;
  }
  if (bugSiteTooLong(res, len)) {
    if (winner >= 0) res.verdicts[winner]!.outcome = { kind: 'bug' };
    return res;
  }
  for (let k = 0; k < winner; k++) {
    const v = res.verdicts[k]!;
    if (v.eligible) v.reason += ', but a later eligible entry wins';
  }
  let buf: Uint8Array;
  if (winner < 0) buf = start.slice();
  else {
    const w = site.entries[winner]!;
    deferLog(res, () => ctx.profile.formatFeatLine(site, w, len));
    const built = buildReplacement(res, winner, w, start, w.instrlen, ctx);
    if (!built) {
      res.verdicts[winner]!.reason +=
        `; kernel BUG: ${res.diagnostics[res.diagnostics.length - 1]?.message ?? ''}`;
      res.verdicts[winner]!.outcome = { kind: 'bug' };
      return res;
    }
    buf = built;
    // `buf` is rewritten by the NOP optimizer below: the dump shows it as built.
    const asBuilt = buf.slice();
    deferDump(res, site.addr, 'old_insn', start, len);
    deferDump(res, w.repl, 'rpl_insn', w.replacement, w.replacementlen);
    deferDump(res, site.addr, 'final_insn', asBuilt, len);
    res.selected = winner;
    res.verdicts[winner]!.selected = true;
  }
  optimizeSiteNops(res, buf, ctx);
  res.writes.push({
    entry: winner < 0 ? null : winner,
    before: start,
    after: buf,
    kind: winner < 0 ? 'optimize-nops' : 'apply',
  });
  res.final = buf;
  return res;
}

/** Entries after a BUG were never looked at by the kernel. */
export function markUnreached(
  res: SiteResult,
  site: Site,
  from: number,
  ctx: PatchContext,
): SiteResult {
  for (let k = from; k < site.entries.length; k++) {
    const e = site.entries[k]!;
    res.verdicts.push({
      eligible: isEligible(e, ctx.has),
      selected: false,
      reason: `${describeCondition(e, ctx.has, ctx.kernel)}; not reached: the kernel BUGged on an earlier entry`,
      outcome: { kind: 'not-reached' },
    });
  }
  return res;
}
