import {
  ALT_FLAG_NOT,
  defaultLoop,
  type Diagnostic,
  type KernelVersion,
  type Site,
} from '../../core/model';
import { passesBeforeAlternatives, simulate } from '../../core/patch/simulate';
import { getProfile } from '../../core/profiles';
import type { InsnDecoder } from '../../core/ports';
import type { KernelImage } from '../elf/vmlinux';
import type { Disagreement, ReproducedBug, TableCheck } from './check';
import { checkStoppedSite } from './stopped';
import { sameBytes } from './check';
import { lastLoggedBytes, type LogSite, type LogTable } from './parse';
import { noteFeature, recordFlags } from './toTable';
import { diffSiteLog, type LogLineDifference } from './logLines';

/**
 * `check-log --elf`: the image gives every entry; the log tells which were applied. An entry is
 * eligible iff the log applied it (6.12 logs every eligible entry; 7.2 only the winner, so
 * there only entries after the winner are known to be ineligible). Every site of the table is
 * compared: a site the log never mentions must have kept its bytes.
 */
export function checkAgainstImage(
  t: LogTable,
  image: KernelImage,
  kernel: KernelVersion,
  decoder: InsnDecoder,
  diagnostics: Diagnostic[],
): TableCheck {
  const logged = new Map<bigint, LogSite>(t.sites.map((s) => [s.addr, s]));
  const present = new Set<number>();
  const absent = new Set<number>();
  const changed: { addr: bigint; symbol?: string }[] = [];
  const sites: Site[] = [];
  // 7.x logs only the winner: entries before it may have been eligible too.
  const single = getProfile(kernel).loops[defaultLoop(kernel)] === 'single-pass';
  // What the modelled passes before the alternatives (6.1's paravirt) left at each site.
  const before = passesBeforeAlternatives(image.table, kernel, decoder);
  // The boot died at a stopped site: the kernel never reached the sites after it, so they say
  // nothing about features and are not compared.
  const stop = image.table.sites.findIndex((x) => logged.get(x.addr)?.stopped);
  const reached = stop < 0 ? image.table.sites : image.table.sites.slice(0, stop + 1);
  for (const site of reached) {
    const ls = logged.get(site.addr);
    // Keyed by replacement and feature: empty replacements of one site share an address
    // (6.1's `ALTERNATIVE_2 "jmp memcpy_orig", "", REP_GOOD, "", ERMS`).
    const applied = new Set((ls?.records ?? []).map((r) => `${r.repl}:${r.cpuid}`));
    const winner = single
      ? site.entries.findLastIndex((e) => applied.has(`${e.repl}:${e.cpuid}`))
      : -1;
    site.entries.forEach((e, i) => {
      const isApplied = applied.has(`${e.repl}:${e.cpuid}`);
      const known = isApplied || !single || i > winner;
      if (!known) return;
      const not = (e.flags & ALT_FLAG_NOT) !== 0;
      const line = ls?.records.find((r) => r.repl === e.repl)?.line ?? ls?.firstLine ?? t.line;
      noteFeature(
        present,
        absent,
        e.cpuid,
        isApplied !== not,
        diagnostics,
        () => `entry ${e.tableIndex} at ${site.symbol ?? site.addr.toString(16)}`,
        line,
      );
    });
    for (const r of ls?.records ?? []) {
      if (!site.entries.some((e) => e.repl === r.repl && e.flags === recordFlags(r))) {
        diagnostics.push({
          severity: 'warning',
          code: 'log-unknown-entry',
          message: `line ${r.line}: the log applies an entry (repl ${r.repl.toString(16)}) the image does not have at ${site.symbol ?? site.addr.toString(16)}`,
        });
      }
    }
    // The log's first old_insn is memory as alternatives found it; if a patcher altscope does
    // not model (return thunks, retpolines) rewrote the site before, start from those bytes.
    const seen = ls?.records[0]?.oldInsn;
    const start = before?.image.read(site.addr, site.original.length) ?? site.original;
    if (seen && seen.length === site.original.length && !sameBytes(seen, start)) {
      changed.push({ addr: site.addr, symbol: site.symbol });
      sites.push({ ...site, original: seen });
    } else sites.push(site);
  }
  const table = { ...image.table, sites };
  const report = simulate(table, { kernel, loop: defaultLoop(kernel), features: present }, decoder);
  const disagreements: Disagreement[] = [];
  const lineDifferences: LogLineDifference[] = [];
  const bugs: ReproducedBug[] = [];
  report.sites.forEach((r, i) => {
    const ls = logged.get(r.addr);
    if (ls?.stopped) {
      const stopped = checkStoppedSite(ls, sites[i]!, r);
      if ('message' in stopped) bugs.push(stopped);
      else disagreements.push(stopped);
      return;
    }
    const want = (ls && lastLoggedBytes(ls)) ?? (sites[i] as Site).original;
    if (sameBytes(want, r.final)) {
      const d = ls
        ? diffSiteLog(ls, r)
        : r.log.length
          ? { addr: r.addr, symbol: r.symbol, line: 0, altscope: r.log[0] }
          : undefined;
      if (d) lineDifferences.push(d);
    } else {
      disagreements.push({
        addr: r.addr,
        symbol: r.symbol,
        log: want,
        altscope: r.final,
        line: ls?.states[ls.states.length - 1]?.line ?? 0,
      });
    }
  });
  return {
    start: t.start,
    end: t.end,
    line: t.line,
    kernel,
    checked: report.sites.length,
    unchecked: 0,
    disagreements,
    lineDifferences,
    present: [...present].sort((a, b) => a - b),
    absent: [...absent].sort((a, b) => a - b),
    changedBeforeAlternatives: changed,
    bugs,
    unreached: image.table.sites.length - reached.length,
    report,
  };
}
