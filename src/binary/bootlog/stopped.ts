/**
 * A site where the log stops: the kernel printed the feat: line of an entry and died before its
 * dumps (alt_replace_call()'s BUG(), or a console cut short). Re-simulated, altscope must BUG at
 * that same entry; getting through it is a disagreement.
 */
import type { Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import type { Disagreement, ReproducedBug } from './check';
import { lastLoggedBytes, type LogSite } from './parse';

export function checkStoppedSite(
  ls: LogSite,
  site: Site,
  r: SiteResult,
): ReproducedBug | Disagreement {
  const record = ls.records[ls.records.length - 1]!;
  const line = record.bug?.line ?? record.line;
  const entry = site.entries.findIndex((e) => e.repl === record.repl);
  const bug = r.diagnostics.find((d) => d.code.startsWith('kernel-bug'));
  const logged = record.bug?.message;
  // The BUG must be the one the log printed (when it printed one), at the entry it stopped on:
  // in altscope's log the entry's feat: line is the last one before the BUG message.
  const lastFeat = r.log.findLastIndex((l) => l.startsWith('SMP alternatives: feat:'));
  const stoppedAt = ls.lines.findLastIndex((l) => l.text.startsWith('SMP alternatives: feat:'));
  const sameEntry = lastFeat >= 0 && r.log[lastFeat] === ls.lines[stoppedAt]?.text;
  if (bug && sameEntry && (logged === undefined || bug.message === logged)) {
    return { addr: r.addr, symbol: r.symbol, line, entry, message: bug.message };
  }
  const why = bug
    ? `altscope BUGs with "${bug.message}"${sameEntry ? '' : ' at another entry'}, the log with ${logged ? `"${logged}"` : 'no message'}`
    : `the log stops at line ${line} (${logged ?? 'no final_insn after the feat: line'}); altscope does not BUG there`;
  return {
    addr: r.addr,
    symbol: r.symbol,
    log: lastLoggedBytes(ls) ?? site.original,
    altscope: r.final,
    line,
    reason: why,
  };
}
