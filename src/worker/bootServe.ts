/// <reference lib="webworker" />
/**
 * The file worker's boot passes for a kernel it kept: iced-x86 and the simulation, wired to the
 * runner. Loaded by `kernelWorker.ts` with a dynamic import, only for such a kernel.
 */
import type { InsnDecoder } from '../core/ports';
import { loadBrowserDecoder } from '../disasm/browser';
import type { OpenedBoot } from './bootKernel';
import type { BootMessage, BootRequest } from './bootProtocol';
import { createBootRunner } from './bootRunner';
import { runBoot } from './bootSimulation';

/** Answer `run` requests for `opened`; the decoder loads once, on the first. */
export function serveBoot(
  opened: Extract<OpenedBoot, { ok: true }>,
  post: (m: BootMessage, transfer?: Transferable[]) => void,
): (m: BootRequest) => Promise<void> {
  let decoder: Promise<InsnDecoder> | undefined;
  return createBootRunner({
    decoder: () => (decoder ??= loadBrowserDecoder()),
    simulate: (features, d) => runBoot(opened, features, d),
    post,
  });
}
