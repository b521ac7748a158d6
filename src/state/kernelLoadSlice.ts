/** The store slice for loading a kernel file (see `kernelLoad.ts` for the actions). */
import type { AltTable, Diagnostic } from '../core/model';
import type { SymbolLookup } from '../core/symbols';
import type { ReadProgress } from '../worker/protocol';

/** Where the current file read is. */
export interface KernelLoadState {
  phase: 'idle' | 'loading' | 'loaded' | 'failed';
  fileName: string | null;
  stage: ReadProgress['stage'] | null;
  /** 0–1 over the whole read. */
  progress: number;
  /** Why the last read failed, in one sentence (diagnostics carry the details). */
  error: string | null;
  /** The reader's diagnostics (errors when failed, warnings when loaded). */
  diagnostics: Diagnostic[];
  /** The loaded kernel's table (kept while the scenario is shown, to switch back). */
  table: AltTable | null;
  /** `linux_banner` release of the loaded kernel, when it has one. */
  release: string | null;
  /** Its whole `linux_banner` line: links made from its sites say which build they came from. */
  banner?: string;
  /** The loaded kernel's names (objdump-style `<sym+0xoff>` in every disassembly). */
  symbols: SymbolLookup | null;
}

export interface KernelLoadSlice {
  kernelLoad: KernelLoadState;
}

export const INITIAL_KERNEL_LOAD: KernelLoadState = {
  phase: 'idle',
  fileName: null,
  stage: null,
  progress: 0,
  error: null,
  diagnostics: [],
  table: null,
  release: null,
  symbols: null,
};
