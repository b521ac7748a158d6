import { applyFtrace } from './ftrace';
import { applyJumpLabels } from './jumpLabels';
import type { PassPlan } from './order';
import { applyRetpolines } from './retpolines';
import { applyReturns } from './returns';
import { applyRuntimeConsts } from './runtimeConsts';
import { applySealEndbr } from './endbrSeal';
import { applySmpLocks } from './smpLocks';
import { applyStaticCalls } from './staticCalls';
import type { BootPass, PassContext, PassName, PassRecord } from './types';

/** The passes this module implements itself; the caller supplies the others (alternatives, paravirt). */
export const BUILTIN_PASSES: Partial<Record<PassName, BootPass>> = {
  'jump-labels': applyJumpLabels,
  'static-calls': applyStaticCalls,
  ftrace: applyFtrace,
  retpolines: applyRetpolines,
  returns: applyReturns,
  'endbr-seal': applySealEndbr,
  'smp-locks': applySmpLocks,
  'runtime-consts': applyRuntimeConsts,
};

/** What one pass did. `missing` when no implementation was given for it (its records are empty). */
export interface PassRun {
  pass: PassName;
  records: PassRecord[];
  missing?: boolean;
}

/**
 * Run a generation's passes in order over `ctx.image`. `only` restricts to some passes
 * (`--passes`); `extra` supplies passes built elsewhere (alternatives needs the table and the
 * decoder; paravirt comes with the 6.1 profile). A pass with no implementation is reported as
 * missing, never silently skipped.
 */
export function runPasses(
  plan: PassPlan,
  ctx: Omit<PassContext, 'style'>,
  extra: Partial<Record<PassName, BootPass>> = {},
  only?: ReadonlySet<PassName>,
): PassRun[] {
  const full: PassContext = { ...ctx, style: plan.style };
  const runs: PassRun[] = [];
  for (const pass of plan.passes) {
    if (only && !only.has(pass)) continue;
    const fn = extra[pass] ?? BUILTIN_PASSES[pass];
    if (!fn) runs.push({ pass, records: [], missing: !passHasNothingToDo(pass, ctx) });
    else runs.push({ pass, records: fn(full) });
  }
  return runs;
}

/** A pass with no implementation is only "missing" when its table is not empty. */
function passHasNothingToDo(pass: PassName, ctx: Omit<PassContext, 'style'>): boolean {
  if (pass === 'call-thunks') return !ctx.has('CALL_DEPTH') || ctx.tables.callSites.length === 0;
  // kCFI/FineIBT rewrite only with a `.cfi_sites` table (clang CFI builds); none is read today.
  if (pass === 'cfi') return true;
  return false;
}
