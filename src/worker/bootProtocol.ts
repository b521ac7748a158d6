/** The messages between the page and the boot-passes worker (`bootWorker.ts`). */
import type { BootColumns } from './bootColumns';

/** Page → worker: read this file once, then simulate its boot per feature set. */
export type BootRequest =
  | { type: 'open'; file: File }
  /** Run `id` for these features; a later run supersedes it (the worker skips stale ones). */
  | { type: 'run'; id: number; features: number[] };

/** Worker → page. */
export type BootMessage =
  | { type: 'opened'; ok: true }
  | { type: 'opened'; ok: false; reason: string }
  /** `ms`: the simulation and its columns, in the worker. */
  | { type: 'result'; id: number; columns: BootColumns; ms: number }
  | { type: 'failed'; id: number; message: string };
