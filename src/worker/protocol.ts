/** The messages between the page and the file-reading worker. */
import type { FileOutcome } from './readKernelFile';
import type { TableColumns } from './tableColumns';

/** Page → worker: read this file (and keep a linked kernel for its boot passes). */
export interface ReadRequest {
  type: 'read';
  file: File;
  keepKernel: boolean;
}

/** What the worker is doing: `fraction` is 0–1 over the whole job. */
export interface ReadProgress {
  type: 'progress';
  stage: 'reading' | 'parsing' | 'sending';
  fraction: number;
}

/** How long the worker's steps took (ms), and when it posted (epoch ms, to time the message). */
export interface WorkerTimings {
  readMs: number;
  parseMs: number;
  packMs: number;
  postedAt: number;
}

/** A table outcome travels as columns (`tableColumns.ts`); the client rebuilds the table. */
export type PostedOutcome =
  | Exclude<FileOutcome, { table: unknown }>
  | (Omit<Extract<FileOutcome, { table: unknown }>, 'table'> & { columns: TableColumns });

/**
 * For a linked kernel (vmlinux, vmlinuz): whether its boot passes can run. When `ok`, the worker
 * keeps the image and now answers the boot passes' `run` requests (`bootProtocol.ts`).
 */
export type BootKept = { ok: true } | { ok: false; reason: string };

/** Worker → page: the outcome, its columns' buffers transferred. */
export interface ReadDone {
  type: 'done';
  outcome: PostedOutcome;
  timings?: WorkerTimings;
  boot?: BootKept;
}

export type WorkerMessage = ReadProgress | ReadDone;

/**
 * Where the bar is when parsing starts: reading is one native `arrayBuffer()` (no finer steps),
 * and parsing takes about twice as long.
 */
export const READING_SHARE = 0.3;
