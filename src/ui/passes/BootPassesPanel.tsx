import { useState } from 'react';
import { ArrowTabs } from '../ArrowTabs';
import { useAppState } from '../../state/hooks';
import { selectKernelShown } from '../../state/kernelLoad';
import { useBootPasses } from '../load/useBootPasses';
import { BootDiffView } from './BootDiffView';
import { PassesView } from './PassesView';
import './passes.css';

const TABS = ['passes', 'diff'] as const;
type Tab = (typeof TABS)[number];
const LABEL: Record<Tab, string> = { passes: 'Boot passes', diff: 'Boot diff' };

/** The loaded kernel's boot passes and boot diff, as WAI-ARIA tabs (arrows, Home/End). */
export function BootPassesPanel() {
  const status = useBootPasses((s) => s.status);
  const reason = useBootPasses((s) => s.reason);
  const columns = useBootPasses((s) => s.columns);
  const workerMs = useBootPasses((s) => s.workerMs);
  const kernelShown = useAppState(selectKernelShown);
  const [tab, setTab] = useState<Tab>('passes');
  if (status === 'none' || !kernelShown) return null;
  return (
    <section className="boot-passes-panel" aria-label="Boot passes" data-testid="boot-passes">
      <ArrowTabs
        tabs={TABS}
        labels={LABEL}
        tab={tab}
        onChange={setTab}
        label="Boot passes"
        idPrefix="boot-tab"
        panelId="boot-tabpanel"
      />
      <div role="tabpanel" id="boot-tabpanel" aria-labelledby={`boot-tab-${tab}`} tabIndex={0}>
        <p className="muted" aria-live="polite" data-testid="boot-status">
          {status === 'opening' || (status === 'running' && !columns)
            ? 'Simulating every boot pass…'
            : status === 'running'
              ? 'Simulating again for the new features…'
              : status === 'absent'
                ? `Boot passes missing: ${reason ?? ''}`
                : status === 'failed'
                  ? `The boot simulation failed: ${reason ?? ''}`
                  : `Every pass in the kernel's order (simulated in ${Math.round(workerMs ?? 0)} ms, off the page).`}
        </p>
        {columns && status !== 'absent' && (
          <>
            {tab === 'passes' && <PassesView columns={columns} />}
            {tab === 'diff' && <BootDiffView columns={columns} />}
          </>
        )}
      </div>
    </section>
  );
}
