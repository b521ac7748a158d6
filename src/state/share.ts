/** Between the store and a permalink's `ShareState`: what a link captures and how it is applied. */
import {
  featureLabel,
  formatFeatureIndex,
  getCatalogue,
  parseFeature,
  X86_FEATURE_ALWAYS,
} from '../core/features';
import type { KernelVersion } from '../core/model';
import type { ShareState } from '../permalink/shareState';
import type { AppDeps } from './deps';
import { formatAddr, selectEffectiveFeatures, selectKernel, selectLoop } from './selectors';
import type { AppState, AppStore } from './store';
import { parseInto } from './store';
import { chooseExactly } from './features';
import { captureKernelShareState } from './kernelShare';
import { captureView, reviewTabOf } from './shareView';

/** The view as a `ShareState`: the scenario text and every choice that changes what is shown. */
export function captureShareState(s: AppState): ShareState {
  // A loaded kernel cannot travel in a URL: its selected sites go as a JSON scenario.
  const fromKernel = captureKernelShareState(s);
  if (fromKernel) return fromKernel;
  const kernel = selectKernel(s);
  const declared = new Set<number>(s.table?.features ?? []);
  const effective = selectEffectiveFeatures(s);
  const extra = [...effective]
    .filter((f) => f !== X86_FEATURE_ALWAYS && !declared.has(f))
    .sort((a, b) => a - b);
  const off = [...declared].filter((f) => !effective.has(f)).sort((a, b) => a - b);
  return {
    scenario: s.text,
    features: extra.map((f) => linkName(f, kernel)),
    ...(off.length > 0 ? { featuresOff: off.map((f) => linkName(f, kernel)) } : {}),
    kernel,
    engine: selectLoop(s),
    ...(s.site ? { site: s.site } : {}),
    sites: [...s.shared],
    view: captureView(s),
    // Sites a kernel link brought keep naming their kernel while they are shown unedited.
    ...(s.linkBanner?.text === s.text ? { banner: s.linkBanner.banner } : {}),
  };
}

/**
 * The name a link carries for a feature: the bare name when it reads back as the same bit (bugs
 * can share a name with a feature: `X86_BUG_…` then), else the number.
 */
function linkName(index: number, kernel: KernelVersion): string {
  const label = featureLabel(index, kernel);
  const back = parseFeature(label, kernel);
  if (back.ok && back.index === index) return label;
  return getCatalogue(kernel).byIndex.get(index)?.macro ?? formatFeatureIndex(index);
}

/** Show a decoded link: its scenario, its features on top of the scenario's, its choices. */
export function applyShareState(store: AppStore, deps: AppDeps, share: ShareState): string[] {
  const text = share.scenario ?? deps.defaultScenario;
  const own = parseInto(deps, text, null);
  const scenarioKernel = own.table?.kernel ?? share.kernel;
  const kernelChoice = share.kernel === scenarioKernel ? null : share.kernel;
  // Names in the link and in the scenario are read in the link's profile.
  const parsed = kernelChoice ? parseInto(deps, text, null, kernelChoice) : own;
  const problems: string[] = [];
  const wanted = new Set<number>(parsed.table?.features ?? []);
  const resolve = (spec: string, apply: (i: number) => void) => {
    const r = parseFeature(spec, share.kernel);
    if (r.ok) apply(r.index);
    else problems.push(`feature ${JSON.stringify(spec)} in the link: ${r.message}`);
  };
  for (const spec of share.features) resolve(spec, (i) => wanted.add(i));
  for (const spec of share.featuresOff ?? []) resolve(spec, (i) => wanted.delete(i));
  store.setState({
    text,
    origin: 'link',
    linkBanner: share.banner !== undefined ? { text, banner: share.banner } : null,
    ...parsed,
    features: chooseExactly(parsed.table?.features ?? [], wanted),
    kernelChoice,
    loopChoice: share.engine,
    site: share.site ?? null,
    shared: normaliseAddrs(share.sites),
    syntax: share.view.syntax,
    reviewTab: reviewTabOf(share.view),
  });
  return problems;
}

/** Addresses as the site list writes them (`0x…` lowercase); anything else is kept as typed. */
function normaliseAddrs(addrs: readonly string[]): string[] {
  const out = addrs.map((a) => (/^0x[0-9a-f]{1,16}$/i.test(a) ? formatAddr(BigInt(a)) : a));
  return [...new Set(out)];
}
