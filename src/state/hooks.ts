/** React binds to the vanilla store here, and only here: typed hooks over selectors. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PatchReport } from '../core/patch/report';
import type { AppActions } from './actions';
import type { AppDeps } from './deps';
import { createReportSelector } from './report';
import { selectEffectiveFeatures, selectKernel, selectLoop } from './selectors';
import type { AppState, AppStore } from './store';

/** What the app's components share: the store, its actions, the report selector. */
export interface AppContextValue {
  store: AppStore;
  actions: AppActions;
  deps: AppDeps;
  report: ReturnType<typeof createReportSelector>;
}

export const AppContext = createContext<AppContextValue | null>(null);

function useApp(): AppContextValue {
  const app = useContext(AppContext);
  if (!app) throw new Error('altscope: component used outside <AppContext.Provider>');
  return app;
}

/** Read a slice of the store; re-renders only when the selected value changes. */
export function useAppState<T>(selector: (s: AppState) => T): T {
  return useStore(useApp().store, selector);
}

export function useActions(): AppActions {
  return useApp().actions;
}

/** The store itself, for event handlers that read the state once (never for rendering). */
export function useStoreApi(): AppStore {
  return useApp().store;
}

export function useDeps(): AppDeps {
  return useApp().deps;
}

/**
 * The derived patch report, or null until the decoder is loaded or while there is no table.
 * `start`: bytes the kernel's earlier boot passes left at sites (`selectBootStart`).
 */
export function useReport(start?: ReadonlyMap<bigint, Uint8Array>): PatchReport | null {
  const { report } = useApp();
  const table = useAppState((s) => s.table);
  const decoder = useAppState((s) => s.decoder);
  const kernel = useAppState(selectKernel);
  const loop = useAppState(selectLoop);
  const features = useAppState(selectEffectiveFeatures);
  if (!table || !decoder) return null;
  return report.select({ table, kernel, loop, features, decoder, ...(start ? { start } : {}) });
}
