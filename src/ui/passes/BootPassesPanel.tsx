import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
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
  const buttons = useRef(new Map<Tab, HTMLButtonElement>());
  if (status === 'none' || !kernelShown) return null;
  const onKeyDown = (e: KeyboardEvent) => {
    const at = TABS.indexOf(tab);
    const n = TABS.length;
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % n
        : e.key === 'ArrowLeft'
          ? (at - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : undefined;
    const t = next === undefined ? undefined : TABS[next];
    if (!t) return;
    e.preventDefault();
    setTab(t);
    buttons.current.get(t)?.focus();
  };
  return (
    <section className="boot-passes-panel" aria-label="Boot passes" data-testid="boot-passes">
      <div role="tablist" aria-label="Boot passes" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              if (el) buttons.current.set(t, el);
              else buttons.current.delete(t);
            }}
            type="button"
            role="tab"
            id={`boot-tab-${t}`}
            aria-selected={tab === t}
            aria-controls="boot-tabpanel"
            tabIndex={tab === t ? 0 : -1}
            data-testid={`boot-tab-${t}`}
            onClick={() => setTab(t)}
          >
            {LABEL[t]}
          </button>
        ))}
      </div>
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
