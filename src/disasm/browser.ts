/**
 * Loads iced-x86 in the browser once, on first use, so first paint waits for neither the wasm
 * (784 KB) nor its glue. In the browser `iced-x86` resolves to the ES module that
 * vitePluginIced.ts builds (the wasm is instantiated inside it). Only port objects leave here.
 */
import type { Disassembler, InsnDecoder } from '../core/ports';

/** The decoder the simulator needs and the disassembler the UI shows, once iced-x86 is ready. */
export interface BrowserDisasm {
  decoder: InsnDecoder;
  disassembler: Disassembler;
}

let pending: Promise<BrowserDisasm> | undefined;

/** Start (or join) the one lazy load of iced-x86. */
export function loadBrowserDisasm(): Promise<BrowserDisasm> {
  pending ??= Promise.all([
    import('iced-x86'),
    import('./decoder'),
    import('./format'),
    import('./cpuid'),
  ]).then(([iced, { makeIcedDecoder }, { makeIcedDisassembler }, { withCpuidFeatures }]) => ({
    // Both live as long as the page: never disposed.
    decoder: makeIcedDecoder(iced),
    // With CPUID features, or the review panel's `cpuid-mismatch` lint never fires in the app.
    disassembler: withCpuidFeatures(makeIcedDisassembler(iced), iced),
  }));
  return pending;
}
