import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { REVIEW_TABS as TABS } from '../../permalink/shareState';
import type { ReviewTab as Tab } from '../../permalink/shareState';

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

/** Where each key moves in the tab list (WAI-ARIA tabs: arrows wrap, Home/End the ends). */
function moveTo(key: string, at: number): number | undefined {
  const n = TABS.length;
  if (key === 'ArrowRight') return (at + 1) % n;
  if (key === 'ArrowLeft') return (at - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return undefined;
}

/**
 * The review tools' tab list, WAI-ARIA tabs pattern: one Tab stop (the open tab), arrows and
 * Home/End move between tabs and open the one reached (automatic activation).
 */
export function ReviewTabs({ tab, onChange }: { tab: Tab; onChange: (t: Tab) => void }) {
  const buttons = useRef(new Map<Tab, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const next = moveTo(e.key, TABS.indexOf(tab));
    const t = next === undefined ? undefined : TABS[next];
    if (t === undefined) return;
    e.preventDefault();
    onChange(t);
    buttons.current.get(t)?.focus();
  };
  return (
    <div role="tablist" aria-label="Review tools" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t}
          ref={(el) => {
            if (el) buttons.current.set(t, el);
            else buttons.current.delete(t);
          }}
          type="button"
          role="tab"
          id={`review-tab-${t}`}
          aria-selected={tab === t}
          aria-controls="review-tabpanel"
          tabIndex={tab === t ? 0 : -1}
          data-testid={`review-tab-${t}`}
          onClick={() => onChange(t)}
        >
          {LABEL[t]}
        </button>
      ))}
    </div>
  );
}
