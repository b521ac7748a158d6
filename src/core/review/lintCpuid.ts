import type { Site } from '../model';
import { ALT_FLAG_NOT } from '../model';
import type { Disassembler } from '../ports';
import type { ReviewDeps } from './context';
import { describeFeature, FEATURE_ALWAYS } from './context';
import { closeFeature, isCpuidProvided } from './cpuidImplied';
import type { LintFinding } from './lintCatalog';

/**
 * `cpuid-mismatch`: each replacement instruction's CPUID requirement against what the entry's
 * condition guarantees. An ALT_FLAG_NOT entry runs when its feature is absent, so it guarantees
 * nothing beyond baseline; ALWAYS likewise.
 */
export function lintCpuid(
  site: Site,
  disassembler: Disassembler,
  deps: Pick<ReviewDeps, 'featureName'>,
): LintFinding[] {
  const cpuidOf = disassembler.cpuidFeatures;
  if (!cpuidOf) return [];
  const out: LintFinding[] = [];
  site.entries.forEach((e, k) => {
    if (e.replacement.length === 0) return;
    const name = describeFeature(deps, e.cpuid);
    const guarded = (e.flags & ALT_FLAG_NOT) === 0 && Number(e.cpuid) !== FEATURE_ALWAYS;
    const provided = guarded ? closeFeature(name) : new Set<string>();
    const perInsn = cpuidOf.call(disassembler, e.replacement, e.repl);
    const texts = disassembler.disassemble(e.replacement, e.repl);
    perInsn.forEach((needs, i) => {
      const missing = needs.filter((n) => !isCpuidProvided(n, provided));
      if (missing.length === 0) return;
      const insn = texts[i];
      const cond = guarded ? name : (e.flags & ALT_FLAG_NOT) !== 0 ? `NOT ${name}` : name;
      out.push({
        code: 'cpuid-mismatch',
        severity: 'warning',
        site: site.addr,
        ...(site.symbol !== undefined ? { symbol: site.symbol } : {}),
        entry: k,
        message: `entry #${k} (${cond}): \`${insn?.text ?? '?'}\` at +${insn?.offset ?? '?'} needs ${missing.join('+')}, not implied by ${cond}`,
      });
    });
  });
  return out;
}
