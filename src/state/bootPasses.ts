/**
 * The boot passes of the loaded kernel: a small store beside the app's, fed by the worker that
 * read the kernel's file and kept its image (`BootHandoff`), so the file is read once. Every
 * change of the effective features starts a new run, and only the newest run's result is shown
 * (older ones are skipped by the worker or ignored here), so toggling features quickly never
 * shows a stale boot nor blocks the page.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { bytesBeforeAlternatives, type BootColumns } from '../worker/bootColumns';
import type { BootHandoff, BootMessage, BootWorkerLike } from '../worker/bootProtocol';
import { recordMeasure } from './perfMarks';
import { selectKernelShown } from './kernelLoad';
import { selectEffectiveFeatures } from './selectors';
import type { KernelVersion } from '../core/model';
import type { AppState, AppStore } from './store';

export type { BootHandoff, BootWorkerLike } from '../worker/bootProtocol';

export interface BootPassesState {
  /** none: no kernel (or one without tables being read); absent: the image has no pass tables. */
  status: 'none' | 'opening' | 'absent' | 'running' | 'ready' | 'failed';
  /** Why the passes are absent or failed. */
  reason: string | null;
  /** The newest finished run (kept while a newer one runs). */
  columns: BootColumns | null;
  /**
   * That run's features and the bytes its passes left at alternative sites they wrote: the
   * report starts those sites from them while the features are the same (`selectBootStart`).
   */
  start: { features: ReadonlySet<number>; sites: ReadonlyMap<bigint, Uint8Array> } | null;
  /** The simulation in the worker, and the whole round trip seen from the page (ms). */
  workerMs: number | null;
  roundTripMs: number | null;
}

export const INITIAL_BOOT_PASSES: BootPassesState = {
  status: 'none',
  reason: null,
  columns: null,
  start: null,
  workerMs: null,
  roundTripMs: null,
};

export type BootPassesStore = StoreApi<BootPassesState>;

export interface BootPassesOptions {
  /**
   * Calls `send` once the page has painted what it just changed (the app: the next frame), so
   * a run never competes with that paint; tests send at once.
   */
  afterPaint?: (send: () => void) => void;
}

/** The controller: take a kernel's boot from the file reader, run it for a feature set, close. */
export function createBootPasses({ afterPaint = (send) => send() }: BootPassesOptions = {}) {
  const store = createStore<BootPassesState>()(() => INITIAL_BOOT_PASSES);
  let worker: BootWorkerLike | null = null;
  let lastId = 0;
  let lastFeatures: ReadonlySet<number> = new Set();
  let sentAt = 0;
  const set = (p: Partial<BootPassesState>) => store.setState(p);

  const onMessage = (m: BootMessage) => {
    if (m.id !== lastId) return; // a newer run was asked for
    if (m.type === 'failed') {
      set({ status: 'failed', reason: m.message });
      return;
    }
    const roundTripMs = performance.now() - sentAt;
    recordMeasure('boot passes', sentAt);
    const start = { features: lastFeatures, sites: bytesBeforeAlternatives(m.columns) };
    set({ status: 'ready', reason: null, columns: m.columns, start, workerMs: m.ms, roundTripMs });
  };

  const close = () => {
    worker?.terminate();
    worker = null;
    store.setState(INITIAL_BOOT_PASSES, true);
  };

  return {
    store,
    /**
     * Show the boot of a kernel the page has just loaded: this controller now owns `boot`'s
     * worker (it keeps the image) and terminates the previous kernel's.
     */
    open(boot: BootHandoff) {
      close();
      if (!boot.ok) {
        set({ status: 'absent', reason: boot.reason });
        return;
      }
      const w = boot.worker;
      worker = w;
      w.onmessage = (e) => {
        if (worker === w) onMessage(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault();
        if (worker === w) set({ status: 'failed', reason: e.message || 'the boot worker stopped' });
      };
      // The feature sync posts the first run as soon as it sees this status.
      set({ status: 'opening' });
    },
    /** Simulate the boot for `features`; supersedes any run still going. */
    run(features: Iterable<number>) {
      const w = worker;
      if (!w || store.getState().status === 'absent') return;
      const id = ++lastId;
      const list = [...features];
      lastFeatures = new Set(list);
      sentAt = performance.now();
      set({ status: 'running' });
      afterPaint(() => {
        // Not sent if a newer run or another kernel came first.
        if (worker === w && id === lastId) w.postMessage({ type: 'run', id, features: list });
      });
    },
    close,
  };
}

export type BootPasses = ReturnType<typeof createBootPasses>;

/**
 * Keep `boot` in step with the app: a run whenever the loaded kernel is shown with a new
 * effective feature set. Returns the unsubscribe.
 */
export function syncBootFeatures(app: AppStore, boot: BootPasses): () => void {
  let last: ReadonlySet<number> | null = null;
  const check = () => {
    const s = app.getState();
    if (!selectKernelShown(s)) return;
    const f = selectEffectiveFeatures(s);
    if (f === last) return;
    last = f;
    boot.run(f);
  };
  check();
  const unsubscribe = app.subscribe(check);
  // Opening a new file resets the boot store: run again for whatever is shown then.
  const unBoot = boot.store.subscribe((b, prev) => {
    if (b.status === 'opening' && prev.status !== 'opening') {
      last = null;
      check();
    }
  });
  return () => {
    unsubscribe();
    unBoot();
  };
}

/**
 * The bytes the shown kernel's boot passes left at its alternative sites, when the newest boot
 * run was for exactly these features and the report is for the image's own profile (as
 * `altscope patch` runs the passes only then); otherwise undefined: the report starts from the
 * table's bytes until the run for the new features arrives. `kernelShown`: `selectKernelShown`.
 */
export function selectBootStart(
  start: BootPassesState['start'],
  table: AppState['table'],
  kernelShown: boolean,
  kernel: KernelVersion,
  features: ReadonlySet<number>,
): ReadonlyMap<bigint, Uint8Array> | undefined {
  if (!start || !table || table.kernel !== kernel || !kernelShown) return;
  if (start.features.size !== features.size) return;
  for (const f of features) if (!start.features.has(f)) return;
  return start.sites;
}
