import type { SiteResult } from '../../core/patch/report';
import type { LogSite } from './parse';

/** The first line where a site's logged DA_ALT lines and the engine's differ. */
export interface LogLineDifference {
  addr: bigint;
  symbol?: string;
  /** Log line number (0 when the log has fewer lines than altscope prints). */
  line: number;
  log?: string;
  altscope?: string;
}

/**
 * Compare what the log printed for a site with what the profile's loop prints (SiteResult.log).
 * Final bytes can agree while the lines do not — e.g. the seed thread's second `old_insn` shows
 * the pristine bytes where 6.12 would show the first entry's result.
 */
export function diffSiteLog(
  ls: LogSite,
  r: SiteResult,
  fromFirstFeat = false,
): LogLineDifference | undefined {
  // Rebuilt from a log alone, a site lacks the entries the log never names; in 6.12 an earlier
  // ineligible one still prints its "optimized NOPs" line before the first feat: line.
  const first = fromFirstFeat
    ? Math.max(
        0,
        ls.lines.findIndex((l) => l.text.startsWith('SMP alternatives: feat:')),
      )
    : 0;
  const lines = ls.lines.slice(first);
  const n = Math.max(lines.length, r.log.length);
  for (let i = 0; i < n; i++) {
    const got = lines[i];
    const want = r.log[i];
    if (got?.text !== want) {
      return {
        addr: r.addr,
        symbol: r.symbol,
        line: got?.line ?? 0,
        log: got?.text,
        altscope: want,
      };
    }
  }
  return undefined;
}
