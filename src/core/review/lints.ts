import type { AltTable, Site } from '../model';
import { ALT_FLAG_NOT, defaultLoop } from '../model';
import type { SiteResult } from '../patch/report';
import type { ReviewDeps, RunOptions } from './context';
import { buildSimulateOptions, describeFeature, FEATURE_ALWAYS } from './context';
import { decodeRun } from './decodeRun';
import { lintBranches } from './lintBranches';
import type { LintFinding } from './lintCatalog';
import { lintCpuid } from './lintCpuid';
import { findNeverWinning } from './winnerConditions';

export type { LintCode, LintFinding } from './lintCatalog';
export { describeLint, LINT_CATALOG } from './lintCatalog';

/** Every lint over a table: static checks per site plus the simulator's kernel-bug diagnostics. */
export function lintTable(table: AltTable, deps: ReviewDeps, opts: RunOptions = {}): LintFinding[] {
  const loop = opts.loop ?? defaultLoop(opts.kernel ?? table.kernel);
  const report = deps.simulate(
    table,
    buildSimulateOptions(table, loop, opts.features, opts.kernel),
    deps.decoder,
  );
  const out: LintFinding[] = [];
  table.sites.forEach((site, i) => out.push(...lintSite(site, report.sites[i], deps)));
  return out;
}

/** The lints of one site; `result` (the chosen loop's) adds final-byte checks and kernel bugs. */
export function lintSite(
  site: Site,
  result: SiteResult | undefined,
  deps: ReviewDeps,
): LintFinding[] {
  const base = { site: site.addr, ...(site.symbol !== undefined ? { symbol: site.symbol } : {}) };
  const len = Math.max(0, ...site.entries.map((e) => e.instrlen));
  const out: LintFinding[] = [];
  site.entries.forEach((e, k) => {
    if (e.replacementlen > len) {
      out.push({
        ...base,
        code: 'replacement-too-long',
        severity: 'error',
        entry: k,
        message: `entry #${k}: replacementlen ${e.replacementlen} exceeds the ${len}-byte site`,
      });
    }
  });
  for (const k of findNeverWinning(site)) {
    const e = site.entries[k]!;
    // ALT_NOT(X86_FEATURE_ALWAYS) is how the macros switch an alternative off (e.g. the default
    // second feature of FILL_RETURN_BUFFER): true, but deliberate.
    const disabled = (e.flags & ALT_FLAG_NOT) !== 0 && Number(e.cpuid) === FEATURE_ALWAYS;
    out.push({
      ...base,
      code: 'never-wins',
      severity: disabled ? 'info' : 'warning',
      entry: k,
      message: disabled
        ? `entry #${k} (NOT ALWAYS) is never eligible: the macros' way to switch an alternative off`
        : `entry #${k} (${describeFeature(deps, e.cpuid)}) is never the last eligible entry: a later entry is always eligible when it is`,
    });
  }
  if (deps.disassembler) out.push(...lintCpuid(site, deps.disassembler, deps));
  out.push(...lintBranches(site, result?.final, deps.decoder, deps.sections ?? []));
  out.push(...lintDecode(site, result, deps));
  for (const d of result?.diagnostics ?? []) {
    if (!d.code.startsWith('kernel-bug')) continue;
    out.push({
      ...base,
      code: d.code as `kernel-bug${string}`,
      severity: 'error',
      message: d.message,
    });
  }
  return out;
}

/** `bad-decode`: original (to the site end), each replacement, and the final bytes. */
function lintDecode(site: Site, result: SiteResult | undefined, deps: ReviewDeps): LintFinding[] {
  const base = { site: site.addr, ...(site.symbol !== undefined ? { symbol: site.symbol } : {}) };
  const len = Math.max(0, ...site.entries.map((e) => e.instrlen));
  const runs: { what: string; bytes: Uint8Array; entry?: number }[] = [
    { what: 'original', bytes: site.original.subarray(0, len) },
    ...site.entries.map((e, k) => ({
      what: `entry #${k} replacement`,
      bytes: e.replacement,
      entry: k,
    })),
    ...(result ? [{ what: 'final', bytes: result.final }] : []),
  ];
  const out: LintFinding[] = [];
  for (const run of runs) {
    const decoded = decodeRun(deps.decoder, run.bytes);
    if (decoded.clean) continue;
    const at = decoded.badOffset ?? 0;
    const insn = deps.decoder.decode(run.bytes, at, run.bytes.length);
    const why = insn.ok
      ? `the instruction at +${at} (${insn.length} bytes) runs past the end (${run.bytes.length})`
      : `invalid instruction at +${at}`;
    out.push({
      ...base,
      code: 'bad-decode',
      severity: 'warning',
      ...(run.entry !== undefined ? { entry: run.entry } : {}),
      message: `${run.what} bytes do not decode cleanly: ${why}`,
    });
  }
  return out;
}
