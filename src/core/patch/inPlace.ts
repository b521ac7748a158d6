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
  optimizeSiteNopsTo,
  startResult,
} from './siteSteps';
import { markUnreached } from './singlePass';

/**
 * 6.1's apply_alternatives(): each entry in table order, with its own `instrlen` (no group max).
 * An eligible entry logs feat/old_insn/rpl_insn, gets the CALL fix or `recompute_jump()`, is
 * padded with raw `0x90` (final_insn shows them) and written; then — eligible or not —
 * `optimize_nops()` runs on the live text, so its line comes after final_insn.
 */
export function patchSiteInPlace(
  site: Site,
  ctx: PatchContext,
  start: Uint8Array,
  len: number,
): SiteResult {
  const res = startResult(site, len, start);
  let cur = start;
  for (let k = 0; k < site.entries.length; k++) {
    const e = site.entries[k]!;
    const n = e.instrlen;
    const eligible = isEligible(e, ctx.has);
    res.verdicts.push({
      eligible,
      selected: false,
      reason: describeCondition(e, ctx.has, ctx.kernel),
      outcome: { kind: eligible ? 'written-last' : 'not-eligible' },
    });
    if (bugSiteTooLong(res, n) || bugFeatureRange(res, e, ctx)) {
      res.verdicts[k]!.outcome = { kind: 'bug' };
      return finish(markUnreached(res, site, k + 1, ctx), cur);
    }
    if (eligible) {
      const old = cur;
      deferLog(res, () => ctx.profile.formatFeatLine(site, e, n));
      deferDump(res, site.addr, 'old_insn', old, n);
      deferDump(res, e.repl, 'rpl_insn', e.replacement, e.replacementlen);
      const buf = buildReplacement(res, k, e, cur, n, ctx, n);
      if (!buf) {
        res.verdicts[k]!.outcome = { kind: 'bug' };
        return finish(markUnreached(res, site, k + 1, ctx), cur);
      }
      deferDump(res, site.addr, 'final_insn', buf, n);
      const next = cur.slice();
      next.set(buf.subarray(0, n));
      res.writes.push({ entry: k, before: cur, after: next, kind: 'apply' });
      cur = next;
      if (res.selected !== null) {
        res.verdicts[res.selected]!.reason += '; written, then a later eligible entry wins';
        res.verdicts[res.selected]!.outcome = { kind: 'overwritten', by: k };
      }
      res.selected = k;
    }
    // optimize_nops() on the live text after every entry, eligible or not.
    const runs = res.nopRuns.length;
    const after = cur.slice();
    optimizeSiteNopsTo(res, after, n, ctx);
    if (res.nopRuns.length > runs) {
      res.writes.push({ entry: k, before: cur, after, kind: 'optimize-nops' });
      cur = after;
    }
  }
  return finish(res, cur);
}

function finish(res: SiteResult, cur: Uint8Array): SiteResult {
  res.final = cur;
  if (res.selected !== null) res.verdicts[res.selected]!.selected = true;
  return res;
}
