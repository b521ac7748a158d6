/**
 * The worker's side of the boot passes, once the file reader has kept a kernel: each `run`
 * simulates the boot for one feature set. A run cannot be interrupted once started, so stale
 * ones are skipped before they start: the runner first lets queued messages arrive, and only the
 * newest run goes ahead. The simulation and the decoder are passed in (tests fake them).
 */
import type { InsnDecoder } from '../core/ports';
import type { BootColumns } from './bootColumns';
import type { BootMessage, BootRequest } from './bootProtocol';

/** One simulation's columns, the buffers to transfer with them, and its time (ms). */
export interface BootRun {
  columns: BootColumns;
  transfer: ArrayBuffer[];
  ms: number;
}

export interface BootRunnerDeps {
  /** The decoder, loaded on first need (never disposed: it lives as long as the worker). */
  decoder: () => Promise<InsnDecoder>;
  simulate: (features: number[], decoder: InsnDecoder) => BootRun;
  post: (m: BootMessage, transfer?: Transferable[]) => void;
  /** Lets messages already queued arrive (a macrotask: `setTimeout(0)` in the worker). */
  yieldToQueue?: () => Promise<void>;
}

/** Handle one `run` request; resolves when it was posted or skipped as stale. */
export function createBootRunner(deps: BootRunnerDeps): (m: BootRequest) => Promise<void> {
  const pause = deps.yieldToQueue ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  let newest = -1;
  return async ({ id, features }) => {
    newest = Math.max(newest, id);
    // Messages already queued (a feature toggled again) arrive during this pause.
    await pause();
    if (id !== newest) return;
    try {
      const d = await deps.decoder();
      if (id !== newest) return;
      const { columns, transfer, ms } = deps.simulate(features, d);
      deps.post({ type: 'result', id, columns, ms }, transfer);
    } catch (e) {
      deps.post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
    }
  };
}
