/** The view options a link carries, to and from the store's view state. */
import type { ReviewTab, ViewOptions } from '../permalink/shareState';
import type { AppState } from './store';

/**
 * The view options of `s`. Teaching mode and compare loops are review tabs: they travel as the
 * v1 booleans (older versions show them), any other non-default tab as `view.tab`.
 */
export function captureView(s: AppState): ViewOptions {
  const tab = s.reviewTab;
  return {
    syntax: s.syntax,
    teachingMode: tab === 'teach',
    compareLoops: tab === 'loops',
    ...(tab === 'teach' || tab === 'loops' || tab === 'timeline' ? {} : { tab }),
  };
}

/** The review tab a link's view options open. */
export function reviewTabOf(view: ViewOptions): ReviewTab {
  if (view.tab) return view.tab;
  if (view.teachingMode) return 'teach';
  if (view.compareLoops) return 'loops';
  return 'timeline';
}
