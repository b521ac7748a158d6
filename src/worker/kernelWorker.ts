/// <reference lib="webworker" />
/**
 * The Web Worker that reads a dropped file off the main thread: streams it in with progress,
 * runs the pure readers, and posts the table back in one transferred buffer. Cancelling is
 * the page terminating this worker, so nothing here needs to poll for it.
 */
import { packTable } from './packTable';
import type { ReadProgress, ReadRequest, WorkerMessage } from './protocol';
import { READING_SHARE } from './protocol';
import { MAX_FILE_BYTES, readKernelFile } from './readKernelFile';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(m, transfer);
const progress = (stage: ReadProgress['stage'], fraction: number) =>
  post({ type: 'progress', stage, fraction });

/** The whole file, read in chunks so the bar moves while a 50 MB vmlinux comes in. */
async function readAll(file: File): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let at = 0;
  let lastReported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // A file that grew while being read: keep what fits (the size was checked up front).
    const n = Math.min(value.length, bytes.length - at);
    bytes.set(value.subarray(0, n), at);
    at += n;
    const fraction = bytes.length ? at / bytes.length : 1;
    if (fraction - lastReported >= 0.05) {
      lastReported = fraction;
      progress('reading', fraction * READING_SHARE);
    }
  }
  return bytes.subarray(0, at);
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
    const packed = packTable(outcome.table);
    const t3 = performance.now();
    const timings = {
      readMs: t1 - t0,
      parseMs: t2 - t1,
      packMs: t3 - t2,
      postedAt: performance.timeOrigin + t3,
    };
    post({ type: 'done', outcome: { ...outcome, table: packed.table }, timings }, [packed.buffer]);
    return;
  }
  post({ type: 'done', outcome });
}

self.onmessage = (e: MessageEvent<ReadRequest>) => {
  void handle(e.data);
};
