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
import { markUnreached } from './singlePass';

/**
 * 6.12's apply_alternatives(): every entry, in table order, writes the whole site (group-maxed
 * `instrlen`) on top of the previous write. Eligible entries apply their replacement (relocate +
 * optimise NOPs); ineligible ones re-optimise NOPs of the current bytes. DIRECT_CALL reads the
 * CURRENT bytes, so an earlier eligible entry can destroy the indirect call (the ordering bug).
 */
export function patchSiteMultiPass(
  site: Site,
  ctx: PatchContext,
  start: Uint8Array,
  len: number,
): SiteResult {
  const res = startResult(site, len, start);
  let cur = start;
  for (let k = 0; k < site.entries.length; k++) {
    const e = site.entries[k]!;
    const eligible = isEligible(e, ctx.has);
    const cond = describeCondition(e, ctx.has, ctx.kernel);
    res.verdicts.push({
      eligible,
      selected: false,
      reason: cond,
      outcome: { kind: eligible ? 'written-last' : 'not-eligible' },
    });
    if (bugSiteTooLong(res, len) || bugFeatureRange(res, e, ctx)) {
      res.verdicts[k]!.outcome = { kind: 'bug' };
      return finish(markUnreached(res, site, k + 1, ctx), cur);
    }
    if (!eligible) {
      const buf = cur.slice();
      optimizeSiteNops(res, buf, ctx);
      res.writes.push({ entry: k, before: cur, after: buf, kind: 'optimize-nops' });
      cur = buf;
      continue;
    }
    deferLog(res, () => ctx.profile.formatFeatLine(site, e, len));
    const buf = buildReplacement(res, k, e, cur, len, ctx);
    if (!buf) {
      res.verdicts[k]!.reason +=
        `; kernel BUG: ${res.diagnostics[res.diagnostics.length - 1]?.message ?? ''}`;
      res.verdicts[k]!.outcome = { kind: 'bug' };
      return finish(markUnreached(res, site, k + 1, ctx), cur);
    }
    optimizeSiteNops(res, buf, ctx);
    // Neither buffer is written again: later passes copy `cur` before changing it.
    deferDump(res, site.addr, 'old_insn', cur, len);
    deferDump(res, e.repl, 'rpl_insn', e.replacement, e.replacementlen);
    deferDump(res, site.addr, 'final_insn', buf, len);
    res.writes.push({ entry: k, before: cur, after: buf, kind: 'apply' });
    cur = buf;
    if (res.selected !== null) {
      res.verdicts[res.selected]!.reason += '; written, then a later eligible entry wins';
      res.verdicts[res.selected]!.outcome = { kind: 'overwritten', by: k };
    }
    res.selected = k;
  }
  return finish(res, cur);
}

function finish(res: SiteResult, cur: Uint8Array): SiteResult {
  res.final = cur;
  if (res.selected !== null) res.verdicts[res.selected]!.selected = true;
  return res;
}
