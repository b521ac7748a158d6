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
  const addrs = [...new Set([...l.keys(), ...r.keys()])].sort((a, b) =>
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
  return { leftLabel, rightLabel, sites, unchanged };
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
