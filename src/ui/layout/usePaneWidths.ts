import { useCallback, useState } from 'react';

/** Widths (px) of the editor/features column and of the site list; remembered per browser. */
export interface PaneWidths {
  left: number;
  list: number;
}

const KEY = 'altscope.panes.v1';
/** The list fits a `%pS` name like `save_fpregs_to_fpstate+0x55/0xa0` with its status. */
export const DEFAULT_PANES: PaneWidths = { left: 300, list: 420 };
export const PANE_LIMITS = { left: [220, 720], list: [200, 720] } as const;

function load(): PaneWidths {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<PaneWidths> | null;
    const ok = (v: unknown, [lo, hi]: readonly [number, number]) =>
      typeof v === 'number' && v >= lo && v <= hi;
    return {
      left: ok(raw?.left, PANE_LIMITS.left) ? raw!.left! : DEFAULT_PANES.left,
      list: ok(raw?.list, PANE_LIMITS.list) ? raw!.list! : DEFAULT_PANES.list,
    };
  } catch {
    return DEFAULT_PANES;
  }
}

/** The pane widths and a setter that stores them (a failed write only loses the memory). */
export function usePaneWidths(): [PaneWidths, (p: Partial<PaneWidths>) => void] {
  const [widths, setWidths] = useState(load);
  const update = useCallback((p: Partial<PaneWidths>) => {
    setWidths((w) => {
      const next = { ...w, ...p };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        /* private mode or full storage: widths last for this page only */
      }
      return next;
    });
  }, []);
  return [widths, update];
}
