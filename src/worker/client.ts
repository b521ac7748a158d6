/**
 * The page's side of the file worker: one worker per file, so cancelling is terminating it
 * (immediate, even in the middle of a synchronous parse) and a crash cannot leave state behind.
 * A worker that kept a kernel for its boot passes is not terminated but handed on with the
 * outcome (`BootHandoff`): whoever takes the outcome owns it.
 */
import { recordMeasure } from '../state/perfMarks';
import type { BootHandoff, BootRequest, BootWorkerLike } from './bootProtocol';
import type {
  PostedOutcome,
  ReadProgress,
  ReadRequest,
  WorkerMessage,
  WorkerTimings,
} from './protocol';
import type { FileOutcome } from './readKernelFile';
import { decodeTable } from './tableColumns';

/** How a read ended; `boot` only for a linked kernel. */
export type ReadEnd =
  | { status: 'done'; outcome: FileOutcome; boot?: BootHandoff }
  | { status: 'cancelled' }
  | { status: 'crashed'; message: string };

export interface ReadHandle {
  done: Promise<ReadEnd>;
  cancel(): void;
}

/** The small part of `Worker` used here (tests pass a fake). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(m: ReadRequest | BootRequest): void;
  terminate(): void;
}

export type MakeWorker = () => WorkerLike;

/** The real worker; Vite bundles `kernelWorker.ts` as its own ES module chunk. */
export const makeKernelWorker: MakeWorker = () =>
  new Worker(new URL('./kernelWorker.ts', import.meta.url), {
    type: 'module',
    name: 'altscope-file-reader',
  }) as unknown as WorkerLike;

export interface ReadOptions {
  /**
   * Keep a linked kernel with the passes' tables in its worker and hand that on (`boot`) for the
   * boot passes; without it the worker ends with the read.
   */
  keepKernel?: boolean;
  makeWorker?: MakeWorker;
}

/** Read `file` in a fresh worker, reporting progress until it ends one way or another. */
export function readFileInWorker(
  file: File,
  onProgress: (p: ReadProgress) => void,
  { keepKernel = false, makeWorker = makeKernelWorker }: ReadOptions = {},
): ReadHandle {
  let settle: (end: ReadEnd) => void = () => {};
  const done = new Promise<ReadEnd>((resolve) => (settle = resolve));
  let worker: WorkerLike | null;
  const finish = (end: ReadEnd) => {
    // A handed-off worker belongs to the boot passes now.
    if (!(end.status === 'done' && end.boot?.ok)) worker?.terminate();
    worker = null;
    settle(end);
  };
  try {
    worker = makeWorker();
  } catch (e) {
    worker = null;
    settle({ status: 'crashed', message: e instanceof Error ? e.message : String(e) });
    return { done, cancel() {} };
  }
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'progress') onProgress(m);
    else {
      if (m.timings) recordWorkerTimings(m.timings);
      const outcome = unpackOutcome(m.outcome);
      const boot = !m.boot ? undefined : m.boot.ok ? handOff(worker!) : m.boot;
      finish({ status: 'done', outcome, boot });
    }
  };
  worker.onerror = (e) => {
    // Handled here: the page shows the error, the console need not repeat it.
    e.preventDefault();
    finish({ status: 'crashed', message: e.message || 'the file reader stopped unexpectedly' });
  };
  worker.onmessageerror = () =>
    finish({ status: 'crashed', message: 'the file reader sent a message that could not be read' });
  worker.postMessage({ type: 'read', file, keepKernel });
  return {
    done,
    cancel: () => {
      if (worker) finish({ status: 'cancelled' });
    },
  };
}

/** The worker, kept alive and stripped of this reader's handlers, for the boot passes. */
function handOff(w: WorkerLike): BootHandoff {
  w.onmessage = null;
  w.onerror = null;
  w.onmessageerror = null;
  return { ok: true, worker: w as unknown as BootWorkerLike };
}

/** The outcome with its table rebuilt from columns (one pass, bytes viewed in the arena). */
function unpackOutcome(posted: PostedOutcome): FileOutcome {
  if (!('columns' in posted)) return posted;
  const started = performance.now();
  const { columns, ...rest } = posted;
  const outcome = { ...rest, table: decodeTable(columns) };
  recordMeasure('table from columns', started);
  return outcome;
}

/**
 * The worker's steps as measures on the page's timeline: read, parse, columns, then the
 * message (transfer of the columns) up to its arrival here.
 */
function recordWorkerTimings(t: WorkerTimings) {
  const posted = t.postedAt - performance.timeOrigin;
  const packStart = posted - t.packMs;
  const parseStart = packStart - t.parseMs;
  recordMeasure('worker read', parseStart - t.readMs, parseStart);
  recordMeasure('worker parse', parseStart, packStart);
  recordMeasure('worker columns', packStart, posted);
  recordMeasure('message to page', posted);
}
