/// <reference lib="webworker" />
/**
 * The Web Worker that reads a dropped file off the main thread: reads it whole, runs the pure
 * readers, and posts the table back as transferred columns (`tableColumns.ts`). Cancelling is
 * the page terminating this worker, so nothing here needs to poll for it.
 */
import type { ReadProgress, ReadRequest, WorkerMessage } from './protocol';
import { READING_SHARE } from './protocol';
import { MAX_FILE_BYTES, readKernelFile } from './readKernelFile';
import { encodeTable } from './tableColumns';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(m, transfer);
const progress = (stage: ReadProgress['stage'], fraction: number) =>
  post({ type: 'progress', stage, fraction });

/**
 * The whole file in one `arrayBuffer()`: the browser reads it natively, where a 64 KB-chunk
 * stream copied every chunk through JS (~250 ms of a 50 MB vmlinux). Progress is by phase, so
 * the bar moves at the read's end rather than during it.
 */
async function readAll(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

async function handle(req: ReadRequest): Promise<void> {
  const { file } = req;
  if (file.size > MAX_FILE_BYTES) {
    post({
      type: 'done',
      outcome: {
        ok: false,
        kind: 'binary',
        diagnostics: [
          {
            severity: 'error',
            code: 'file-too-large',
            message: `${file.name} is ${file.size} bytes; files over ${MAX_FILE_BYTES} bytes are not read`,
          },
        ],
      },
    });
    return;
  }
  progress('reading', 0);
  const t0 = performance.now();
  const bytes = await readAll(file);
  const t1 = performance.now();
  progress('parsing', READING_SHARE);
  const outcome = await readKernelFile(bytes, file.name);
  const t2 = performance.now();
  if (outcome.ok && 'table' in outcome) {
    progress('sending', 0.95);
    const { table, ...rest } = outcome;
    const { columns, transfer } = encodeTable(table);
    const t3 = performance.now();
    const timings = {
      readMs: t1 - t0,
      parseMs: t2 - t1,
      packMs: t3 - t2,
      postedAt: performance.timeOrigin + t3,
    };
    post({ type: 'done', outcome: { ...rest, columns }, timings }, transfer);
    return;
  }
  post({ type: 'done', outcome });
}

self.onmessage = (e: MessageEvent<ReadRequest>) => {
  void handle(e.data);
};
