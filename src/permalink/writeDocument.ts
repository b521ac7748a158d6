import { defaultLoop } from '../core/model';
import { DEFAULT_KERNEL, DEFAULT_VIEW } from './shareState';
import type { ShareState, ViewOptions } from './shareState';

/** The JSON a v1 link carries: ShareState's own key names, only fields that differ from default. */
export interface PermalinkDocumentV1 {
  scenario?: string;
  features?: string[];
  featuresOff?: string[];
  kernel?: string;
  engine?: string;
  site?: string;
  sites?: string[];
  view?: Partial<ViewOptions>;
  banner?: string;
}

/**
 * Builds the document for `state`, omitting defaults so links stay short and a link made before
 * a new option existed simply takes that option's default. Keys are written in a fixed order so
 * equal states give equal links. The engine is omitted when it is the chosen kernel's own loop.
 */
export function writeDocument(state: ShareState): PermalinkDocumentV1 {
  const doc: PermalinkDocumentV1 = {};
  if (state.scenario !== undefined) doc.scenario = state.scenario;
  if (state.features.length > 0) doc.features = [...state.features];
  if (state.featuresOff && state.featuresOff.length > 0) doc.featuresOff = [...state.featuresOff];
  if (state.kernel !== DEFAULT_KERNEL) doc.kernel = state.kernel;
  if (state.engine !== defaultLoop(state.kernel)) doc.engine = state.engine;
  if (state.site !== undefined) doc.site = state.site;
  if (state.sites.length > 0) doc.sites = [...state.sites];
  const view: Partial<ViewOptions> = {};
  if (state.view.syntax !== DEFAULT_VIEW.syntax) view.syntax = state.view.syntax;
  if (state.view.teachingMode !== DEFAULT_VIEW.teachingMode)
    view.teachingMode = state.view.teachingMode;
  if (state.view.compareLoops !== DEFAULT_VIEW.compareLoops)
    view.compareLoops = state.view.compareLoops;
  if (state.view.tab !== undefined) view.tab = state.view.tab;
  if (Object.keys(view).length > 0) doc.view = view;
  if (state.banner !== undefined) doc.banner = state.banner;
  return doc;
}
