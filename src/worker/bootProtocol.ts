/**
 * The boot passes' messages between the page and the file-reading worker (`kernelWorker.ts`),
 * which keeps a kernel it has read when the image has the passes' tables.
 */
import type { BootColumns } from './bootColumns';

/** Page → worker: run `id` for these features; a later run supersedes it (stale ones are skipped). */
export interface BootRequest {
  type: 'run';
  id: number;
  features: number[];
}

/** Worker → page. `ms`: the simulation and its columns, in the worker. */
export type BootMessage =
  | { type: 'result'; id: number; columns: BootColumns; ms: number }
  | { type: 'failed'; id: number; message: string };

/** The small part of `Worker` the boot passes use (tests pass a fake). */
export interface BootWorkerLike {
  onmessage: ((e: MessageEvent<BootMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: BootRequest): void;
  terminate(): void;
}

/**
 * A kernel image's boot, as the file reader hands it on: the worker that read it and keeps it
 * (whoever receives this owns the worker and must terminate it), or why its passes are absent.
 */
export type BootHandoff = { ok: true; worker: BootWorkerLike } | { ok: false; reason: string };
