import './review.css';
import type { Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import { ScenarioDiffView } from '../diff/ScenarioDiffView';
import { ByteRulerView } from './ByteRulerView';
import { CompareLoopsView } from './CompareLoopsView';
import { EveryCpuView } from './EveryCpuView';
import { DiffKernelsView } from './DiffKernelsView';
import { LintList } from './LintList';
import { NarrationView } from './NarrationView';
import { TimelineView } from './TimelineView';
import { TruthTableView } from './TruthTableView';
import { useReviewDeps, useRunChoice } from './useReview';
import { useActions, useAppState } from '../../state/hooks';
import { ReviewTabs } from './ReviewTabs';

/** The review tools for the selected site, as tabs; mount under the site view. */
export function ReviewPanel({ site, result }: { site: Site; result: SiteResult }) {
  const deps = useReviewDeps();
  const { loop, features } = useRunChoice();
  // In the store, not local state: a link carries the open tab.
  const tab = useAppState((s) => s.reviewTab);
  const { setReviewTab: setTab } = useActions();
  if (!deps) return null;
  return (
    <section
      className={`review-panel${tab === 'teach' ? ' teaching-mode' : ''}`}
      aria-label="Review"
      data-testid="review-panel"
    >
      <ReviewTabs tab={tab} onChange={setTab} />
      <div role="tabpanel" id="review-tabpanel" aria-labelledby={`review-tab-${tab}`} tabIndex={0}>
        {tab === 'timeline' && (
          <TimelineView
            key={`${site.addr}-${loop}`}
            site={site}
            result={result}
            loop={loop}
            deps={deps}
          />
        )}
        {tab === 'loops' && <CompareLoopsView site={site} deps={deps} />}
        {tab === 'ruler' && <ByteRulerView site={site} result={result} />}
        {tab === 'truth' && <TruthTableView site={site} deps={deps} />}
        {tab === 'lints' && <LintList site={site} result={result} deps={deps} />}
        {tab === 'diff' && <ScenarioDiffView deps={deps} />}
        {tab === 'cpus' && <EveryCpuView site={site} deps={deps} />}
        {tab === 'kernels' && <DiffKernelsView deps={deps} />}
        {tab === 'teach' && (
          <NarrationView site={site} result={result} loop={loop} features={features} deps={deps} />
        )}
      </div>
    </section>
  );
}
