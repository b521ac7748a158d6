/** The boot passes' controller per app store, its worker, and the hook that reads its state. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import {
  createBootPasses,
  syncBootFeatures,
  type BootPasses,
  type BootPassesState,
  type BootWorkerLike,
} from '../../state/bootPasses';
import { useStoreApi } from '../../state/hooks';
import type { AppStore } from '../../state/store';

const makeBootWorker = (): BootWorkerLike =>
  new Worker(new URL('../../worker/bootWorker.ts', import.meta.url), {
    type: 'module',
    name: 'altscope-boot-passes',
  }) as unknown as BootWorkerLike;

const controllers = new WeakMap<AppStore, BootPasses>();

/** The one controller of `store` (created on first use). */
export function bootPassesOf(store: AppStore): BootPasses {
  let c = controllers.get(store);
  if (!c) {
    c = createBootPasses(makeBootWorker);
    controllers.set(store, c);
  }
  return c;
}

/** Kernel images (not modules or logs) are read again by the boot worker. */
export function onTableLoaded(store: AppStore, file: File, kind: string): void {
  const boot = bootPassesOf(store);
  if (kind === 'vmlinux' || kind === 'bzimage') boot.open(file);
  else boot.close();
}

/** Mount once: runs the boot again whenever the shown kernel's features change. */
export function useBootPassesSync(): void {
  const store = useStoreApi();
  useEffect(() => syncBootFeatures(store, bootPassesOf(store)), [store]);
}

export function useBootPasses<T>(selector: (s: BootPassesState) => T): T {
  return useStore(bootPassesOf(useStoreApi()).store, selector);
}
