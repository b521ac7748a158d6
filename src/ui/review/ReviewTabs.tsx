import { REVIEW_TABS as TABS } from '../../permalink/shareState';
import type { ReviewTab as Tab } from '../../permalink/shareState';
import { ArrowTabs } from '../ArrowTabs';

const LABEL: Record<Tab, string> = {
  timeline: 'Timeline',
  loops: 'Compare loops',
  ruler: 'Byte ruler',
  truth: 'Truth table',
  lints: 'Lints',
  teach: 'Teaching mode',
  diff: 'Diff scenarios',
  cpus: 'Every CPU',
  kernels: 'Diff kernels',
};

/** The review tools' tab list (WAI-ARIA tabs, see `ArrowTabs`). */
export function ReviewTabs({ tab, onChange }: { tab: Tab; onChange: (t: Tab) => void }) {
  return (
    <ArrowTabs
      tabs={TABS}
      labels={LABEL}
      tab={tab}
      onChange={onChange}
      label="Review tools"
      idPrefix="review-tab"
      panelId="review-tabpanel"
    />
  );
}
