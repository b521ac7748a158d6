/** The boot passes' controller per app store, and the hook that reads its state. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import {
  createBootPasses,
  syncBootFeatures,
  type BootHandoff,
  type BootPasses,
  type BootPassesState,
  selectBootStart,
} from '../../state/bootPasses';
import { useAppState, useStoreApi } from '../../state/hooks';
import { selectKernelShown } from '../../state/kernelLoad';
import { selectEffectiveFeatures, selectKernel } from '../../state/selectors';
import type { AppStore } from '../../state/store';

/**
 * After the next paint (a timeout queued from the frame callback runs once the frame is drawn):
 * the first run is asked for when the kernel's sites are listed, and its simulation and iced-x86
 * compilation would otherwise share the 2 cores with drawing them. Hidden pages draw nothing.
 */
const afterPaint = (send: () => void) => {
  if (document.visibilityState === 'hidden') send();
  else requestAnimationFrame(() => setTimeout(send, 0));
};

const controllers = new WeakMap<AppStore, BootPasses>();

/** The one controller of `store` (created on first use). */
export function bootPassesOf(store: AppStore): BootPasses {
  let c = controllers.get(store);
  if (!c) {
    c = createBootPasses({ afterPaint });
    controllers.set(store, c);
  }
  return c;
}

/** A kernel image hands its boot on (its reader keeps the image); anything else closes it. */
export function onTableLoaded(store: AppStore, boot: BootHandoff | undefined): void {
  const c = bootPassesOf(store);
  if (boot) c.open(boot);
  else c.close();
}

/** Mount once: runs the boot again whenever the shown kernel's features change. */
export function useBootPassesSync(): void {
  const store = useStoreApi();
  useEffect(() => syncBootFeatures(store, bootPassesOf(store)), [store]);
}

export function useBootPasses<T>(selector: (s: BootPassesState) => T): T {
  return useStore(bootPassesOf(useStoreApi()).store, selector);
}

/**
 * What the shown kernel's boot passes left at its alternative sites, for the report to start
 * from (undefined until the run for the current features is back): the Final column then shows
 * what the kernel ends with, as `altscope patch` on the same image prints it.
 */
export function useBootStart(): ReadonlyMap<bigint, Uint8Array> | undefined {
  const start = useBootPasses((s) => s.start);
  const table = useAppState((s) => s.table);
  const kernelShown = useAppState(selectKernelShown);
  const kernel = useAppState(selectKernel);
  const features = useAppState(selectEffectiveFeatures);
  return selectBootStart(start, table, kernelShown, kernel, features);
}
