import { describe, expect, it } from 'vitest';
import { readFixture } from '../binary/elf/testFixtures';
import type { BootColumns } from '../worker/bootColumns';
import type { BootMessage, BootRequest } from '../worker/bootProtocol';
import { readKernelFile } from '../worker/readKernelFile';
import { createActions } from './actions';
import { createBootPasses, syncBootFeatures, type BootWorkerLike } from './bootPasses';
import { createKernelLoadActions } from './kernelLoad';
import { selectEffectiveFeatures } from './selectors';
import { createAppStore } from './store';
import { createTestDeps } from './testDeps.testutil';

/** A worker that records what the page asked, and answers when the test says. */
function fakeWorker() {
  const sent: BootRequest[] = [];
  let terminated = 0;
  const w: BootWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => void sent.push(m),
    terminate: () => void terminated++,
  };
  const reply = (m: BootMessage) => w.onmessage?.({ data: m } as MessageEvent<BootMessage>);
  return { w, sent, reply, terminated: () => terminated };
}

const columns = (tag: number) => ({ diffRuns: tag }) as unknown as BootColumns;
const file = (name: string) => ({ name }) as File;

async function setup() {
  const { deps } = createTestDeps();
  const store = createAppStore(deps, deps.defaultScenario);
  const actions = createActions(store, deps);
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const boot = createBootPasses(() => {
    const f = fakeWorker();
    workers.push(f);
    return f.w;
  });
  const r = await readKernelFile(readFixture('mini-alt.o'), 'vmlinux');
  if (!r.ok || !('table' in r)) throw new Error('fixture did not read');
  const loader = createKernelLoadActions(
    store,
    actions,
    deps,
    () => ({
      done: Promise.resolve({
        status: 'done',
        outcome: { ok: true, kind: 'vmlinux', table: r.table, diagnostics: [] },
      }),
      cancel() {},
    }),
    (f, kind) => (kind === 'vmlinux' ? boot.open(f) : boot.close()),
  );
  const stop = syncBootFeatures(store, boot);
  await loader.openFile(file('vmlinux'));
  return { store, actions, boot, workers, stop };
}

describe('boot passes store', () => {
  it('opens the loaded file in a worker, then runs it for the shown features', async () => {
    const { store, boot, workers } = await setup();
    expect(workers).toHaveLength(1);
    const { sent } = workers[0]!;
    expect(sent.map((m) => m.type)).toEqual(['open', 'run']);
    expect(sent[1]).toEqual({
      type: 'run',
      id: 1,
      features: [...selectEffectiveFeatures(store.getState())],
    });
    expect(boot.store.getState().status).toBe('running');
    workers[0]!.reply({ type: 'opened', ok: true });
    workers[0]!.reply({ type: 'result', id: 1, columns: columns(7), ms: 12 });
    const s = boot.store.getState();
    expect([s.status, s.columns?.diffRuns, s.workerMs]).toEqual(['ready', 7, 12]);
  });

  it('a feature change runs again; only the newest run is shown, a stale result is ignored', async () => {
    const { actions, boot, workers } = await setup();
    const w = workers[0]!;
    actions.setFeature(5, true);
    actions.setFeature(5, false);
    expect(w.sent.filter((m) => m.type === 'run').map((m) => (m as { id: number }).id)).toEqual([
      1, 2, 3,
    ]);
    w.reply({ type: 'result', id: 1, columns: columns(1), ms: 1 });
    expect(boot.store.getState()).toMatchObject({ status: 'running', columns: null });
    w.reply({ type: 'result', id: 3, columns: columns(3), ms: 3 });
    expect(boot.store.getState()).toMatchObject({ status: 'ready', workerMs: 3 });
    expect(boot.store.getState().columns?.diffRuns).toBe(3);
  });

  it('an image without the tables is "absent" with its reason, and asks for no further runs', async () => {
    const { actions, boot, workers } = await setup();
    const w = workers[0]!;
    w.reply({ type: 'opened', ok: false, reason: 'no tables' });
    expect(boot.store.getState()).toMatchObject({ status: 'absent', reason: 'no tables' });
    actions.setFeature(5, true);
    expect(w.sent.filter((m) => m.type === 'run')).toHaveLength(1);
  });

  it('a failed run says why; a module closes the worker', async () => {
    const { boot, workers } = await setup();
    workers[0]!.reply({ type: 'failed', id: 1, message: 'boom' });
    expect(boot.store.getState()).toMatchObject({ status: 'failed', reason: 'boom' });
    boot.close();
    expect(workers[0]!.terminated()).toBe(1);
    expect(boot.store.getState().status).toBe('none');
  });
});
