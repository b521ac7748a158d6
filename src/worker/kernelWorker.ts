/// <reference lib="webworker" />
/**
 * The Web Worker that reads a dropped file off the main thread: reads it whole, runs the pure
 * readers, and posts the table back as transferred columns (`tableColumns.ts`). Cancelling is
 * the page terminating this worker, so nothing here needs to poll for it. A linked kernel with
 * the boot passes' tables is kept: the worker then simulates its boot on request, so the file is
 * read, decompressed and parsed once (a vmlinuz's 62 MB ELF lives only here).
 */
import { bootKernelOf, type OpenedBoot } from './bootKernel';
import type { BootMessage, BootRequest } from './bootProtocol';
import type { BootKept, ReadProgress, ReadRequest, WorkerMessage } from './protocol';
import { READING_SHARE } from './protocol';
import { MAX_FILE_BYTES, readKernelFileKeeping, type ReadKernel } from './readKernelFile';
import { encodeTable } from './tableColumns';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: WorkerMessage | BootMessage, transfer: Transferable[] = []) =>
  self.postMessage(m, transfer);
const progress = (stage: ReadProgress['stage'], fraction: number) =>
  post({ type: 'progress', stage, fraction });

/** The kept kernel, and its boot runs once the first is asked for. */
let kept: Extract<OpenedBoot, { ok: true }> | null = null;
let serving: Promise<(m: BootRequest) => Promise<void>> | null = null;

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
  const { outcome, kernel } = await readKernelFileKeeping(bytes, file.name);
  const t2 = performance.now();
  if (outcome.ok && 'table' in outcome) {
    progress('sending', 0.95);
    const { table, ...rest } = outcome;
    const { columns, transfer } = encodeTable(table);
    const boot = kernel && req.keepKernel ? keepKernel(kernel) : undefined;
    const t3 = performance.now();
    const timings = {
      readMs: t1 - t0,
      parseMs: t2 - t1,
      packMs: t3 - t2,
      postedAt: performance.timeOrigin + t3,
    };
    post({ type: 'done', outcome: { ...rest, columns }, timings, boot }, transfer);
    return;
  }
  post({ type: 'done', outcome });
}

/** Keep `kernel` for its boot passes if it has their tables. */
function keepKernel(kernel: ReadKernel): BootKept {
  const opened = bootKernelOf(kernel);
  if (!opened.ok) return opened;
  kept = opened;
  return { ok: true };
}

/**
 * A boot run. The simulation's code and iced-x86 load on the first one, not when the table is
 * posted: the page asks once it has painted the table, so neither competes with that paint.
 */
function runBoot(m: BootRequest) {
  const k = kept;
  if (!k) return;
  serving ??= import('./bootServe').then((s) => s.serveBoot(k, post));
  void serving.then(
    (run) => run(m),
    (e: unknown) => post({ type: 'failed', id: m.id, message: `loading the boot passes: ${e}` }),
  );
}

self.onmessage = (e: MessageEvent<ReadRequest | BootRequest>) => {
  const m = e.data;
  if (m.type === 'read') void handle(m);
  else runBoot(m);
};
