import { useRef } from 'react';
import type { KeyboardEvent } from 'react';

/** Where each key moves in a tab list of `n` (WAI-ARIA tabs: arrows wrap, Home/End the ends). */
function moveTo(key: string, at: number, n: number): number | undefined {
  if (key === 'ArrowRight') return (at + 1) % n;
  if (key === 'ArrowLeft') return (at - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return undefined;
}

/**
 * A tab list, WAI-ARIA tabs pattern: one Tab stop (the open tab), arrows and Home/End move
 * between tabs and open the one reached (automatic activation). Each tab's id and test id are
 * `${idPrefix}-${tab}`; they control the one panel `panelId`.
 */
export function ArrowTabs<T extends string>(props: {
  tabs: readonly T[];
  labels: Record<T, string>;
  tab: T;
  onChange: (t: T) => void;
  label: string;
  idPrefix: string;
  panelId: string;
}) {
  const { tabs, labels, tab, onChange, label, idPrefix, panelId } = props;
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const next = moveTo(e.key, tabs.indexOf(tab), tabs.length);
    const t = next === undefined ? undefined : tabs[next];
    if (t === undefined) return;
    e.preventDefault();
    onChange(t);
    buttons.current.get(t)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t}
          ref={(el) => {
            if (el) buttons.current.set(t, el);
            else buttons.current.delete(t);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-${t}`}
          aria-selected={tab === t}
          aria-controls={panelId}
          tabIndex={tab === t ? 0 : -1}
          data-testid={`${idPrefix}-${t}`}
          onClick={() => onChange(t)}
        >
          {labels[t]}
        </button>
      ))}
    </div>
  );
}
