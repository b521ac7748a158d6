import type { Addr, AltTable } from '../model';
import type { PatchReport, SimulateOptions, SiteResult } from '../patch/report';
import { equalBytes } from './bytes';
import type { ReviewDeps } from './context';

/** What changed at one site between two runs. */
export type OutcomeChange = 'only-left' | 'only-right' | 'selected' | 'final' | 'diagnostics';

export interface SiteDiff {
  addr: Addr;
  symbol?: string;
  changes: OutcomeChange[];
  left?: SiteResult;
  right?: SiteResult;
}

export interface ScenarioDiff {
  /** e.g. "qemu64" and "Skylake-Client", or two permalink names. */
  leftLabel: string;
  rightLabel: string;
  /** Sites whose outcome changed, in address order. */
  sites: SiteDiff[];
  /** Sites present on both sides with identical outcomes. */
  unchanged: number;
  /**
   * When every site of one side is also on the other (a link carrying a few sites of a kernel),
   * only the common sites are compared: `side` is the smaller one and `missing` counts the other
   * side's sites it does not carry (not listed as changes).
   */
  subset?: { side: 'left' | 'right'; missing: number };
}

/** Per site (matched by address), which outcomes differ between two reports, both sides labelled. */
export function diffScenarios(
  left: PatchReport,
  right: PatchReport,
  leftLabel = 'left',
  rightLabel = 'right',
): ScenarioDiff {
  const byAddr = (r: PatchReport) => new Map(r.sites.map((s) => [s.addr as bigint, s]));
  const l = byAddr(left);
  const r = byAddr(right);
  const subset = findSubset(l, r);
  const all = [...new Set([...l.keys(), ...r.keys()])];
  const addrs = (subset ? all.filter((a) => l.has(a) && r.has(a)) : all).sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const sites: SiteDiff[] = [];
  let unchanged = 0;
  for (const addr of addrs) {
    const a = l.get(addr);
    const b = r.get(addr);
    const changes = compareOutcomes(a, b);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    const symbol = a?.symbol ?? b?.symbol;
    sites.push({
      addr: addr as Addr,
      ...(symbol !== undefined ? { symbol } : {}),
      changes,
      ...(a ? { left: a } : {}),
      ...(b ? { right: b } : {}),
    });
  }
  return { leftLabel, rightLabel, sites, unchanged, ...(subset ? { subset } : {}) };
}

/** Which side (if any) carries only sites the other has too, and how many it lacks. */
function findSubset(
  l: ReadonlyMap<bigint, unknown>,
  r: ReadonlyMap<bigint, unknown>,
): ScenarioDiff['subset'] {
  const within = (a: ReadonlyMap<bigint, unknown>, b: ReadonlyMap<bigint, unknown>) =>
    a.size < b.size && [...a.keys()].every((k) => b.has(k));
  if (within(r, l)) return { side: 'right', missing: l.size - r.size };
  if (within(l, r)) return { side: 'left', missing: r.size - l.size };
  return undefined;
}

/** One side of a scenario diff: a table, the options it runs with, and its label. */
export interface ScenarioRun {
  label: string;
  table: AltTable;
  options: SimulateOptions;
}

/** Simulate both scenarios (each with its own kernel, loop and features) and diff the outcomes. */
export function diffScenarioRuns(
  left: ScenarioRun,
  right: ScenarioRun,
  deps: Pick<ReviewDeps, 'simulate' | 'decoder'>,
): ScenarioDiff {
  const run = (r: ScenarioRun) => deps.simulate(r.table, r.options, deps.decoder);
  return diffScenarios(run(left), run(right), left.label, right.label);
}

function compareOutcomes(a: SiteResult | undefined, b: SiteResult | undefined): OutcomeChange[] {
  if (!a) return ['only-right'];
  if (!b) return ['only-left'];
  const out: OutcomeChange[] = [];
  if (a.selected !== b.selected) out.push('selected');
  if (!equalBytes(a.final, b.final)) out.push('final');
  const key = (s: SiteResult) =>
    s.diagnostics
      .map((d) => `${d.severity}:${d.code}`)
      .sort()
      .join('|');
  if (key(a) !== key(b)) out.push('diagnostics');
  return out;
}

/** "6,185 sites of current are not in link: only the sites both carry are compared." */
export function describeSubset(d: ScenarioDiff): string {
  if (!d.subset) return '';
  const [small, big] =
    d.subset.side === 'right' ? [d.rightLabel, d.leftLabel] : [d.leftLabel, d.rightLabel];
  const n = d.subset.missing;
  return `${n.toLocaleString('en-US')} site${n === 1 ? '' : 's'} of ${big} ${n === 1 ? 'is' : 'are'} not in ${small}: only the sites both carry are compared.`;
}
