/// <reference lib="webworker" />
/**
 * The file worker's boot passes for a kernel it kept: iced-x86 and the simulation, wired to the
 * runner. Loaded by `kernelWorker.ts` with a dynamic import, only for such a kernel.
 */
import { loadBrowserDecoder } from '../disasm/browser';
import type { OpenedBoot } from './bootKernel';
import type { BootMessage, BootRequest } from './bootProtocol';
import { createBootRunner } from './bootRunner';
import { runBoot } from './bootSimulation';

/** Start loading the decoder now (the first run follows at once); answer `run` requests. */
export function serveBoot(
  opened: Extract<OpenedBoot, { ok: true }>,
  post: (m: BootMessage, transfer?: Transferable[]) => void,
): (m: BootRequest) => Promise<void> {
  const decoder = loadBrowserDecoder();
  // A failed load is reported by the run that needs it, not as an unhandled rejection.
  decoder.catch(() => {});
  return createBootRunner({
    decoder: () => decoder,
    simulate: (features, d) => runBoot(opened, features, d),
    post,
  });
}
