/**
 * The other side of a scenario diff, from what the user pasted: an altscope link (a whole URL or
 * just its `#v1=…` fragment) carries its own features, kernel and loop; pasted scenario text or
 * JSON runs with the current CPU choices, so only the scenario differs. Pure: no DOM.
 */
import { parseFeature } from '../../core/features';
import type { Diagnostic, KernelVersion, PatchLoop } from '../../core/model';
import { defaultLoop } from '../../core/model';
import type { ScenarioRun } from '../../core/review';
import { readFragment } from '../../permalink';
import type { AppDeps } from '../../state/deps';
import type { FeatureChoice } from '../../state/features';
import { computeEffectiveFeatures } from '../../state/features';

/** The current CPU choices, applied to pasted scenario text. */
export interface CurrentChoices {
  kernelChoice: KernelVersion | null;
  loopChoice: PatchLoop | null;
  features: FeatureChoice;
}

export type OtherRun = { ok: true; run: ScenarioRun } | { ok: false; message: string };

const LINK = /#v\d+=\S*/;

/** Parse `pasted` into a labelled run ("link" or "pasted"), or say why it cannot be compared. */
export function buildOtherRun(
  pasted: string,
  current: CurrentChoices,
  parseScenario: AppDeps['parseScenario'],
): OtherRun {
  if (pasted.trim() === '') return { ok: false, message: 'paste a scenario or an altscope link' };
  const link = LINK.exec(pasted.trim());
  if (link && !/\n/.test(pasted.trim())) return fromLink(link[0], parseScenario);
  const parsed = parseScenario(pasted);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (!parsed.table || error)
    return { ok: false, message: describeProblem('pasted scenario', error) };
  const kernel = current.kernelChoice ?? parsed.table.kernel;
  return {
    ok: true,
    run: {
      label: 'pasted',
      table: parsed.table,
      options: {
        kernel,
        loop: current.loopChoice ?? defaultLoop(kernel),
        features: computeEffectiveFeatures(parsed.table.features, current.features),
      },
    },
  };
}

function fromLink(fragment: string, parseScenario: AppDeps['parseScenario']): OtherRun {
  const decoded = readFragment(fragment);
  if (!decoded) return { ok: false, message: 'the link has no state after #' };
  if (!decoded.ok)
    return { ok: false, message: `the link could not be read: ${decoded.error.message}` };
  const share = decoded.state;
  if (share.scenario === undefined)
    return { ok: false, message: 'the link names no scenario (it shows the default one)' };
  const parsed = parseScenario(share.scenario);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (!parsed.table || error)
    return { ok: false, message: describeProblem("link's scenario", error) };
  const features = new Set<number>(computeEffectiveFeatures(parsed.table.features, NONE));
  for (const spec of share.features) {
    const f = parseFeature(spec, share.kernel);
    if (!f.ok)
      return { ok: false, message: `feature ${JSON.stringify(spec)} in the link: ${f.message}` };
    features.add(f.index);
  }
  return {
    ok: true,
    run: {
      label: 'link',
      table: parsed.table,
      options: { kernel: share.kernel, loop: share.engine, features },
    },
  };
}

const NONE: FeatureChoice = { on: [], off: [] };

function describeProblem(what: string, d: Diagnostic | undefined): string {
  const at =
    d?.location?.kind === 'text'
      ? ` at ${d.location.line}:${d.location.column}`
      : d?.location?.kind === 'offset'
        ? ` at byte ${d.location.offset}`
        : '';
  return `the ${what} has errors${at}: ${d?.message ?? 'no sites'}`;
}
