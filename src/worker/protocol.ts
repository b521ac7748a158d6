/** The messages between the page and the file-reading worker. */
import type { FileOutcome } from './readKernelFile';

/** Page → worker: read this file. */
export interface ReadRequest {
  type: 'read';
  file: File;
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

/** Worker → page: the outcome (its byte arrays in one transferred buffer). */
export interface ReadDone {
  type: 'done';
  outcome: FileOutcome;
  timings?: WorkerTimings;
}

export type WorkerMessage = ReadProgress | ReadDone;

/** Reading is the first half of the bar; parsing, the rest (it cannot report finer steps). */
export const READING_SHARE = 0.5;
