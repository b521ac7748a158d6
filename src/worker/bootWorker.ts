/// <reference lib="webworker" />
/**
 * The Web Worker that simulates the whole boot (every pass, ~2.5 s for a 7.2 kernel) off the
 * main thread. It reads the file once and keeps the image; each `run` simulates for one feature
 * set. A run cannot be interrupted once started, so stale ones are skipped before they start:
 * the worker first lets queued messages arrive, and only the newest run goes ahead.
 */
import { loadBrowserDecoder } from '../disasm/browser';
import type { BootMessage, BootRequest } from './bootProtocol';
import { openBoot, runBoot, type OpenedBoot } from './bootSimulation';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: BootMessage, transfer: Transferable[] = []) => self.postMessage(m, transfer);

let opened: Promise<OpenedBoot> | null = null;
/** One decoder for the worker's life (never disposed, like the page's). */
let decoder: ReturnType<typeof loadBrowserDecoder> | undefined;
let newest = -1;

async function run(id: number, features: number[]): Promise<void> {
  newest = Math.max(newest, id);
  // Messages already queued (a feature toggled again) arrive during this pause.
  await new Promise((r) => setTimeout(r, 0));
  const o = await opened;
  if (id !== newest || !o?.ok) return;
  try {
    decoder ??= loadBrowserDecoder();
    const d = await decoder;
    if (id !== newest) return;
    const { columns, transfer, ms } = runBoot(o, features, d);
    post({ type: 'result', id, columns, ms }, transfer);
  } catch (e) {
    post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (e: MessageEvent<BootRequest>) => {
  const m = e.data;
  if (m.type === 'open') {
    opened = m.file
      .arrayBuffer()
      .then((b) => openBoot(new Uint8Array(b)))
      .catch((err: unknown) => ({
        ok: false,
        reason: err instanceof Error ? err.message : String(err),
      }));
    void opened.then((o) =>
      post(o.ok ? { type: 'opened', ok: true } : { type: 'opened', ok: false, reason: o.reason }),
    );
  } else void run(m.id, m.features);
};
