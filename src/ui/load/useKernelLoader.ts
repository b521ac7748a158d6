/** The one kernel loader per store, created on first use (it holds the read in progress). */
import { createKernelLoadActions } from '../../state/kernelLoad';
import type { KernelLoadActions } from '../../state/kernelLoad';
import { useActions, useDeps, useStoreApi } from '../../state/hooks';
import type { AppStore } from '../../state/store';
import { readFileInWorker } from '../../worker/client';
import { onTableLoaded } from './useBootPasses';

const loaders = new WeakMap<AppStore, KernelLoadActions>();

export function useKernelLoader(): KernelLoadActions {
  const store = useStoreApi();
  const actions = useActions();
  const deps = useDeps();
  let loader = loaders.get(store);
  if (!loader) {
    loader = createKernelLoadActions(
      store,
      actions,
      deps,
      (file, onProgress) => readFileInWorker(file, onProgress, { keepKernel: true }),
      (boot) => onTableLoaded(store, boot),
    );
    loaders.set(store, loader);
  }
  return loader;
}
