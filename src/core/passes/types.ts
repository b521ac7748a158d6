/**
 * Boot passes as data: each pass that rewrites kernel text at boot (paravirt, retpolines, return
 * thunks, call thunks, alternatives, ENDBR sealing, SMP locks, ftrace, static calls, jump labels,
 * runtime constants) is a pure function over a `TextImage` that returns what it wrote. A kernel
 * profile lists its passes in the kernel's order; the pipeline runs them and every view (site
 * columns, log export, memdiff) reads the records.
 */
import type { Addr } from '../model';

/** The passes, named as the kernel's boot log and sources name them. */
export type PassName =
  | 'paravirt'
  | 'cfi'
  | 'retpolines'
  | 'returns'
  | 'call-thunks'
  | 'alternatives'
  | 'endbr-seal'
  | 'smp-locks'
  | 'ftrace'
  | 'static-calls'
  | 'jump-labels'
  | 'runtime-consts';

/** Kernel text by virtual address: what a pass reads and writes. */
export interface TextImage {
  /** A copy of `len` bytes at `addr`, or undefined when any of them lies outside the image. */
  read(addr: Addr, len: number): Uint8Array | undefined;
  /** Overwrite bytes at `addr`; false (and nothing written) when they lie outside the image. */
  write(addr: Addr, bytes: Uint8Array): boolean;
}

/** One write a pass made (or deliberately did not make), with the kernel's reason. */
export interface PassRecord {
  pass: PassName;
  addr: Addr;
  /** Bytes before this write. */
  before: Uint8Array;
  /** Bytes after it (equal to `before` when the pass looked and kept them). */
  after: Uint8Array;
  /** Why, in the kernel's words where it has them (e.g. `call *%rax` for a retpoline). */
  what: string;
}
