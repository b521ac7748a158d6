/**
 * The JS heap of a page's dedicated workers, through the page's DevTools session: workers are
 * child targets found by auto-attach (not listed browser-wide), and spoken to through
 * `Target.sendMessageToTarget` (Playwright's CDP sessions do not take a child's sessionId).
 */
import type { CDPSession, Page } from '@playwright/test';

/** One worker's heap after a full GC (MB): JS objects, and array buffers' backing stores. */
export interface WorkerHeap {
  name: string;
  usedMb: number;
  backingMb: number;
}

/** Attach to `page`'s workers; `measure()` collects garbage in each and reads its heap. */
export async function watchWorkers(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const sessions = new Map<string, string>(); // sessionId → worker name
  const pending = new Map<number, (r: unknown) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') sessions.set(e.sessionId, e.targetInfo.title);
  });
  cdp.on('Target.detachedFromTarget', (e) => void sessions.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (m.id !== undefined) pending.get(m.id)?.(m.result ?? m.error);
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  const call = (sessionId: string, method: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params: {} }),
      });
    });
  return {
    async measure(): Promise<WorkerHeap[]> {
      const out: WorkerHeap[] = [];
      for (const [sessionId, name] of sessions) {
        await call(sessionId, 'HeapProfiler.enable');
        await call(sessionId, 'HeapProfiler.collectGarbage');
        const u = (await call(sessionId, 'Runtime.getHeapUsage')) as {
          usedSize?: number;
          backingStorageSize?: number;
        };
        out.push({
          name,
          usedMb: (u.usedSize ?? NaN) / 1e6,
          backingMb: (u.backingStorageSize ?? NaN) / 1e6,
        });
      }
      return out;
    },
    detach: () => cdp.detach(),
  };
}
