import { describe, expect, it } from 'vitest';
import { readFixture } from '../binary/elf/testFixtures';
import type { BootColumns } from '../worker/bootColumns';
import type { BootHandoff, BootMessage, BootRequest } from '../worker/bootProtocol';
import type { ReadEnd } from '../worker/client';
import { readKernelFile, type FileOutcome } from '../worker/readKernelFile';
import { createActions } from './actions';
import {
  createBootPasses,
  selectBootStart,
  syncBootFeatures,
  type BootPassesOptions,
  type BootWorkerLike,
} from './bootPasses';
import { createKernelLoadActions, selectKernelShown } from './kernelLoad';
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

/**
 * A run's columns, told apart by `tag`; `sites` are alternative sites an earlier pass wrote,
 * with the bytes it left (the rest of the columns is not read by the store).
 */
function columns(tag: number, sites: [bigint, number[]][] = []): BootColumns {
  const arena = new Uint8Array(sites.flatMap(([, b]) => b));
  const at = sites.map((_, i) => sites.slice(0, i).reduce((n, [, b]) => n + b.length, 0));
  return {
    diffRuns: tag,
    arena,
    siteAddr: new BigUint64Array(sites.map(([a]) => a)),
    siteBeforeAt: new Uint32Array(at),
    siteBeforeLen: new Uint32Array(sites.map(([, b]) => b.length)),
    // One record per site: each was written by a pass.
    siteRecStart: new Uint32Array(sites.map((_, i) => i).concat(sites.length)),
    siteRecs: new Uint32Array(sites.map((_, i) => i)),
  } as unknown as BootColumns;
}
const file = (name: string) => ({ name }) as File;

/**
 * An app whose file reads end when the test says, with the boot passes following the loaded
 * kernel as in the app: a read's boot (the worker that kept the kernel) goes to the controller.
 */
async function setup(options: BootPassesOptions = {}) {
  const { deps } = createTestDeps();
  const store = createAppStore(deps, deps.defaultScenario);
  const actions = createActions(store, deps);
  const boot = createBootPasses(options);
  const r = await readKernelFile(readFixture('mini-alt.o'), 'vmlinux');
  if (!r.ok || !('table' in r)) throw new Error('fixture did not read');
  const outcome: FileOutcome = { ok: true, kind: 'vmlinux', table: r.table, diagnostics: [] };
  /** Per read started: how to end it (with a kernel's boot, or none). */
  const reads: ((boot: BootHandoff | undefined) => void)[] = [];
  let cancels = 0;
  const loader = createKernelLoadActions(
    store,
    actions,
    deps,
    () => {
      let settle: (end: ReadEnd) => void = () => {};
      const done = new Promise<ReadEnd>((res) => (settle = res));
      reads.push((b) => settle({ status: 'done', outcome, boot: b }));
      // Like a worker whose answer was already on its way: the read still ends as done.
      return { done, cancel: () => void cancels++ };
    },
    (b) => (b ? boot.open(b) : boot.close()),
  );
  syncBootFeatures(store, boot);
  /** Open `name`; its read ends with a fresh worker that kept the kernel. */
  const load = async (name = 'vmlinuz') => {
    const f = fakeWorker();
    const opened = loader.openFile(file(name));
    reads.at(-1)!({ ok: true, worker: f.w });
    await opened;
    return f;
  };
  return { store, actions, boot, loader, reads, load, cancels: () => cancels };
}

const runs = (sent: BootRequest[]) => sent.map((m) => m.id);

describe('boot passes store', () => {
  it('takes the worker that read the kernel, and asks it for one run of the shown features', async () => {
    const { store, boot, load } = await setup();
    const w = await load();
    expect(w.sent).toEqual([
      { type: 'run', id: 1, features: [...selectEffectiveFeatures(store.getState())] },
    ]);
    expect(w.terminated()).toBe(0);
    expect(boot.store.getState().status).toBe('running');
    w.reply({ type: 'result', id: 1, columns: columns(7), ms: 12 });
    const s = boot.store.getState();
    expect([s.status, s.columns?.diffRuns, s.workerMs]).toEqual(['ready', 7, 12]);
  });

  it('a feature change runs again; only the newest run is shown, a stale result is ignored', async () => {
    const { actions, boot, load } = await setup();
    const w = await load();
    actions.setFeature(5, true);
    actions.setFeature(5, false);
    expect(runs(w.sent)).toEqual([1, 2, 3]);
    w.reply({ type: 'result', id: 1, columns: columns(1), ms: 1 });
    expect(boot.store.getState()).toMatchObject({ status: 'running', columns: null });
    w.reply({ type: 'result', id: 3, columns: columns(3), ms: 3 });
    expect(boot.store.getState()).toMatchObject({ status: 'ready', workerMs: 3 });
    expect(boot.store.getState().columns?.diffRuns).toBe(3);
  });

  it('an image without the tables is "absent" with its reason, and asks for no runs', async () => {
    const { actions, boot, loader, reads } = await setup();
    const opened = loader.openFile(file('vmlinux-alt.elf'));
    reads[0]!({ ok: false, reason: 'no tables' });
    await opened;
    expect(boot.store.getState()).toMatchObject({ status: 'absent', reason: 'no tables' });
    actions.setFeature(5, true);
    expect(boot.store.getState().status).toBe('absent');
  });

  it('a failed run says why; a module closes the kernel’s worker', async () => {
    const { boot, loader, reads, load } = await setup();
    const w = await load();
    w.reply({ type: 'failed', id: 1, message: 'boom' });
    expect(boot.store.getState()).toMatchObject({ status: 'failed', reason: 'boom' });
    const opened = loader.openFile(file('xt_rateest.ko'));
    reads[1]!(undefined);
    await opened;
    expect(w.terminated()).toBe(1);
    expect(boot.store.getState().status).toBe('none');
  });

  it('a kernel whose read was superseded is dropped: its worker ends, the newer one runs', async () => {
    const { store, boot, loader, reads, cancels } = await setup();
    const first = fakeWorker();
    const second = fakeWorker();
    const a = loader.openFile(file('vmlinuz-7.2'));
    const b = loader.openFile(file('vmlinuz-6.1'));
    expect(cancels()).toBe(1);
    // The first read's answer arrives after the second file was chosen.
    reads[0]!({ ok: true, worker: first.w });
    await a;
    expect([first.terminated(), first.sent, boot.store.getState().status]).toEqual([1, [], 'none']);
    reads[1]!({ ok: true, worker: second.w });
    await b;
    expect(second.sent).toEqual([
      { type: 'run', id: 1, features: [...selectEffectiveFeatures(store.getState())] },
    ]);
    expect(first.w.onmessage).toBeNull();
  });

  it('the next kernel ends the previous one’s worker; a late result of it is ignored', async () => {
    const { boot, load } = await setup();
    const first = await load('vmlinuz-7.2');
    const second = await load('vmlinuz-6.1');
    expect([first.terminated(), second.terminated()]).toEqual([1, 0]);
    expect(runs(second.sent)).toEqual([2]);
    first.reply({ type: 'result', id: 1, columns: columns(1), ms: 1 });
    expect(boot.store.getState()).toMatchObject({ status: 'running', columns: null });
    second.reply({ type: 'result', id: 2, columns: columns(2), ms: 2 });
    expect(boot.store.getState().columns?.diffRuns).toBe(2);
  });

  it('runs are sent after the page paints; one superseded before that is never sent', async () => {
    const paints: (() => void)[] = [];
    const { store, actions, boot, load } = await setup({ afterPaint: (send) => paints.push(send) });
    const w = await load();
    expect([w.sent, boot.store.getState().status]).toEqual([[], 'running']);
    actions.setFeature(5, true);
    for (const paint of paints.splice(0)) paint();
    expect(w.sent).toEqual([
      { type: 'run', id: 2, features: [...selectEffectiveFeatures(store.getState())] },
    ]);
    // The kernel closed before the paint: its pending run is dropped with it.
    actions.setFeature(5, false);
    boot.close();
    for (const paint of paints.splice(0)) paint();
    expect(runs(w.sent)).toEqual([2]);
  });
});

describe('the bytes the boot passes left, for the report', () => {
  it('are the newest run’s, for its features, while the kernel is shown unchanged', async () => {
    const { store, actions, boot, load } = await setup();
    const f = await load();
    const features = selectEffectiveFeatures(store.getState());
    const kernel = store.getState().table!.kernel;
    const addr = 0xffffffff81000010n;
    f.reply({
      type: 'result',
      id: f.sent.at(-1)!.id,
      columns: columns(1, [[addr, [0xc3, 0xcc]]]),
      ms: 1,
    });
    const start = boot.store.getState().start;
    const shownTable = () => [store.getState().table, selectKernelShown(store.getState())] as const;
    expect([...start!.features]).toEqual([...features]);
    const sites = selectBootStart(start, ...shownTable(), kernel, features);
    expect([...sites!].map(([a, b]) => [a, [...b]])).toEqual([[addr, [0xc3, 0xcc]]]);
    // Another feature set (the run for it not back yet), another profile, an edited scenario.
    expect(selectBootStart(start, ...shownTable(), kernel, new Set([...features, 3]))).toBe(
      undefined,
    );
    expect(
      selectBootStart(start, ...shownTable(), kernel === '6.1' ? '7.2' : '6.1', features),
    ).toBe(undefined);
    actions.setText('kernel 7.2\n');
    expect(selectBootStart(start, ...shownTable(), kernel, features)).toBe(undefined);
  });
});
