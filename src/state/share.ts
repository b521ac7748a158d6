/** Between the store and a permalink's `ShareState`: what a link captures and how it is applied. */
import { featureLabel, parseFeature, X86_FEATURE_ALWAYS } from '../core/features';
import type { ShareState } from '../permalink/shareState';
import type { AppDeps } from './deps';
import { selectEffectiveFeatures, selectKernel, selectLoop } from './selectors';
import type { AppState, AppStore } from './store';
import { parseInto } from './store';
import { chooseExactly } from './features';
import { captureKernelShareState } from './kernelShare';

/** The view as a `ShareState`: the scenario text and every choice that changes what is shown. */
export function captureShareState(s: AppState): ShareState {
  // A loaded kernel cannot travel in a URL: its selected sites go as a JSON scenario.
  const fromKernel = captureKernelShareState(s);
  if (fromKernel) return fromKernel;
  const kernel = selectKernel(s);
  const declared = new Set<number>(s.table?.features ?? []);
  const extra = [...selectEffectiveFeatures(s)]
    .filter((f) => f !== X86_FEATURE_ALWAYS && !declared.has(f))
    .sort((a, b) => a - b);
  return {
    scenario: s.text,
    features: extra.map((f) => featureLabel(f, kernel)),
    kernel,
    engine: selectLoop(s),
    ...(s.site ? { site: s.site } : {}),
    sites: [],
    view: { syntax: s.syntax, teachingMode: false, compareLoops: false },
  };
}

/** Show a decoded link: its scenario, its features on top of the scenario's, its choices. */
export function applyShareState(store: AppStore, deps: AppDeps, share: ShareState): string[] {
  const text = share.scenario ?? deps.defaultScenario;
  const parsed = parseInto(deps, text, null);
  const problems: string[] = [];
  const wanted = new Set<number>(parsed.table?.features ?? []);
  for (const spec of share.features) {
    const r = parseFeature(spec, share.kernel);
    if (r.ok) wanted.add(r.index);
    else problems.push(`feature ${JSON.stringify(spec)} in the link: ${r.message}`);
  }
  const scenarioKernel = parsed.table?.kernel ?? share.kernel;
  store.setState({
    text,
    origin: 'link',
    ...parsed,
    features: chooseExactly(parsed.table?.features ?? [], wanted),
    kernelChoice: share.kernel === scenarioKernel ? null : share.kernel,
    loopChoice: share.engine,
    site: share.site ?? null,
    syntax: share.view.syntax,
  });
  return problems;
}
