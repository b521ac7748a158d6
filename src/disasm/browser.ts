/**
 * Loads iced-x86 in the browser once, on first use, so first paint waits for neither the wasm
 * (784 KB) nor its glue. In the browser `iced-x86` resolves to the ES module that
 * vitePluginIced.ts builds (the wasm is instantiated inside it). Only port objects leave here.
 */
import type { Assembler, Disassembler, InsnDecoder } from '../core/ports';

/** The decoder the simulator needs and the disassembler the UI shows, once iced-x86 is ready. */
export interface BrowserDisasm {
  decoder: InsnDecoder;
  disassembler: Disassembler;
  /** For macro statements (`ALTERNATIVE_2 "…"`) in text scenarios. */
  assembler: Assembler;
}

let pending: Promise<BrowserDisasm> | undefined;

/** Start (or join) the one lazy load of iced-x86. */
export function loadBrowserDisasm(): Promise<BrowserDisasm> {
  pending ??= Promise.all([
    import('iced-x86'),
    import('./decoder'),
    import('./format'),
    import('./cpuid'),
    import('./asm/assemble'),
    import('./fastPath'),
  ]).then(
    ([
      iced,
      { makeIcedDecoder },
      { makeIcedDisassembler },
      { withCpuidFeatures },
      asm,
      { withFastPath },
    ]) => ({
      // Both live as long as the page: never disposed. Most instructions are measured by the
      // pure-JS fast path (no JS↔wasm calls); iced-x86 decodes the rest.
      decoder: withFastPath(() => makeIcedDecoder(iced)),
      // With CPUID features, or the review panel's `cpuid-mismatch` lint never fires in the app.
      disassembler: withCpuidFeatures(makeIcedDisassembler(iced), iced),
      assembler: asm.makeIcedAssembler(iced),
    }),
  );
  return pending;
}

/** The decoder alone, for the boot passes in the file worker (it shows nothing, so needs no disassembler). */
export async function loadBrowserDecoder(): Promise<InsnDecoder> {
  const [iced, { makeIcedDecoder }] = await Promise.all([import('iced-x86'), import('./decoder')]);
  return makeIcedDecoder(iced);
}
