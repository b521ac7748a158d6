import { describe, expect, it } from 'vitest';
import { readFixture } from '../binary/elf/testFixtures';
import { toAddr } from '../core/model';
import type { AltTable } from '../core/model';
import { parseJsonScenario } from '../core/scenario/json';
import { parseTextScenario } from '../core/scenario/text';
import type { BootWorkerLike } from '../worker/bootProtocol';
import type { ReadEnd } from '../worker/client';
import { readKernelFile } from '../worker/readKernelFile';
import { createActions } from './actions';
import type { AppDeps } from './deps';
import { createKernelLoadActions, selectKernelShown } from './kernelLoad';
import { captureShareState } from './share';
import { createAppStore } from './store';

const MY_TEXT =
  'kernel 7.2\n# mine\nsite 0xffffffff81000000 mine\norig 90 90 90\nalt ALWAYS 0f 0b 90\n';

const deps: AppDeps = {
  storage: null,
  parseScenario: (t) => (/^\s*\{/.test(t) ? parseJsonScenario(t) : parseTextScenario(t)),
  simulate: () => {
    throw new Error('not used');
  },
  defaultScenario: MY_TEXT,
  encodePermalink: () => '',
  decodePermalink: () => ({ ok: false, message: 'unused' }),
};

/** A store with the user's text, and a loader whose reads end as `end` says. */
function setup(end: () => Promise<ReadEnd>) {
  const store = createAppStore(deps, MY_TEXT);
  const actions = createActions(store, deps);
  const progress: number[] = [];
  let cancelled = 0;
  const loader = createKernelLoadActions(store, actions, deps, (_file, onProgress) => {
    onProgress({ type: 'progress', stage: 'reading', fraction: 0.25 });
    progress.push(store.getState().kernelLoad.progress);
    return { done: end(), cancel: () => cancelled++ };
  });
  return { store, loader, progress, cancelled: () => cancelled };
}

const file = (name: string) => ({ name }) as File;

async function miniObjectTable(): Promise<AltTable> {
  const r = await readKernelFile(readFixture('mini-alt.o'), 'mini-alt.o');
  if (!r.ok || !('table' in r)) throw new Error('fixture did not read');
  return r.table;
}

describe('kernelLoad', () => {
  it('a loaded table replaces the shown table; the scenario text stays, and comes back', async () => {
    const table = await miniObjectTable();
    const { store, loader, progress } = setup(async () => ({
      status: 'done',
      outcome: { ok: true, kind: 'relocatable', table, diagnostics: [] },
    }));
    await loader.openFile(file('mini-alt.o'));
    const s = store.getState();
    expect(progress).toEqual([0.25]);
    expect(s.table).toBe(table);
    expect(s.text).toBe(MY_TEXT);
    expect(selectKernelShown(s)).toBe(true);
    expect(s.kernelLoad.phase).toBe('loaded');
    loader.showScenario();
    expect(store.getState().table?.sites.map((x) => x.symbol)).toEqual(['mine']);
    expect(selectKernelShown(store.getState())).toBe(false);
  });

  it('a bad file keeps the scenario and says what is wrong, with the offset', async () => {
    const { store, loader } = setup(async () => ({
      status: 'done',
      outcome: {
        ok: false,
        kind: 'vmlinux',
        diagnostics: [
          {
            severity: 'error',
            code: 'out-of-bounds',
            message:
              'section headers at offset 4096 (64 bytes) is past the end of the file (size 2000)',
            location: { kind: 'offset', offset: 4096, what: 'section headers' },
          },
        ],
      },
    }));
    const before = store.getState().table;
    await loader.openFile(file('cut.elf'));
    const s = store.getState();
    expect(s.table).toBe(before);
    expect(s.text).toBe(MY_TEXT);
    expect(s.kernelLoad.error).toBe(
      'cut.elf could not be read: section headers at offset 4096 (64 bytes) is past the end of ' +
        'the file (size 2000) (at byte offset 4096, section headers)',
    );
  });

  it('a crashed reader keeps the scenario', async () => {
    const { store, loader } = setup(async () => ({ status: 'crashed', message: 'out of memory' }));
    const before = store.getState().table;
    await loader.openFile(file('big.elf'));
    expect(store.getState().table).toBe(before);
    expect(store.getState().text).toBe(MY_TEXT);
    expect(store.getState().kernelLoad.error).toBe(
      'big.elf: the file reader crashed (out of memory); your scenario is unchanged',
    );
  });

  it('a newer file cancels the read in progress and wins', async () => {
    const table = await miniObjectTable();
    let release: (e: ReadEnd) => void = () => {};
    const first = new Promise<ReadEnd>((r) => (release = r));
    let call = 0;
    const { store, loader, cancelled } = setup(() =>
      call++ === 0
        ? first
        : Promise.resolve({
            status: 'done',
            outcome: { ok: true, kind: 'relocatable', table, diagnostics: [] },
          }),
    );
    const a = loader.openFile(file('slow.elf'));
    await loader.openFile(file('mini-alt.o'));
    release({ status: 'crashed', message: 'late' });
    await a;
    expect(cancelled()).toBe(1);
    expect(store.getState().kernelLoad.fileName).toBe('mini-alt.o');
    expect(store.getState().kernelLoad.error).toBeNull();
    expect(store.getState().table).toBe(table);
  });
});

describe('kernelLoad and a kept kernel’s worker', () => {
  /** A worker handed on by a read, counting its terminations. */
  const keptWorker = () => {
    let terminated = 0;
    const worker: BootWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: () => {},
      terminate: () => void terminated++,
    };
    return { boot: { ok: true, worker } as const, terminated: () => terminated };
  };

  it('hands a read’s boot to onTable, and nothing for a module', async () => {
    const table = await miniObjectTable();
    const k = keptWorker();
    const ends: ReadEnd[] = [
      {
        status: 'done',
        outcome: { ok: true, kind: 'vmlinux', table, diagnostics: [] },
        boot: k.boot,
      },
      { status: 'done', outcome: { ok: true, kind: 'relocatable', table, diagnostics: [] } },
    ];
    const store = createAppStore(deps, MY_TEXT);
    const told: unknown[] = [];
    const loader = createKernelLoadActions(
      store,
      createActions(store, deps),
      deps,
      () => ({ done: Promise.resolve(ends.shift()!), cancel() {} }),
      (boot) => void told.push(boot),
    );
    await loader.openFile(file('vmlinuz'));
    await loader.openFile(file('mini-alt.o'));
    expect(told).toEqual([k.boot, undefined]);
    expect(k.terminated()).toBe(0);
  });

  it('ends the kept worker when no one shows boot passes', async () => {
    const table = await miniObjectTable();
    const k = keptWorker();
    const { loader } = setup(async () => ({
      status: 'done',
      outcome: { ok: true, kind: 'vmlinux', table, diagnostics: [] },
      boot: k.boot,
    }));
    await loader.openFile(file('vmlinuz'));
    expect(k.terminated()).toBe(1);
  });
});

describe('kernel permalinks', () => {
  it('carry the selected site as a JSON scenario with its pv_ops slot and the features on', async () => {
    const table = await miniObjectTable();
    const { store, loader } = setup(async () => ({
      status: 'done',
      outcome: { ok: true, kind: 'relocatable', table, diagnostics: [] },
    }));
    await loader.openFile(file('mini-alt.o'));
    const pv = table.sites[3]!;
    store.setState({ site: `0x${pv.addr.toString(16)}`, features: { on: [272], off: [] } });
    const share = captureShareState(store.getState());
    const parsed = parseJsonScenario(share.scenario!);
    expect(parsed.diagnostics).toEqual([]);
    const sub = parsed.table!;
    expect(sub.sites.map((s) => s.symbol)).toEqual(['site_pv+0x0/0x20']);
    expect([...sub.sites[0]!.original]).toEqual([...pv.original]);
    expect(sub.memory).toHaveLength(1);
    expect(sub.memory[0]!.addr).toBe(table.memory[0]!.addr);
    expect(sub.symbols.map((s) => s.name).sort()).toEqual(['BUG_func', 'nop_func']);
    expect(sub.features).toEqual([272]);
    expect(share.site).toBe(`0x${pv.addr.toString(16)}`);
    expect(toAddr(BigInt(share.site!))).toBe(pv.addr);
    expect(share.banner).toBeUndefined(); // a .o has no linux_banner
  });

  it('carry the linux_banner of the vmlinux they came from', async () => {
    const r = await readKernelFile(readFixture('mini-alt.elf'), 'mini-alt.elf');
    if (!r.ok || !('table' in r)) throw new Error('fixture did not read');
    expect(r.banner).toBe('Linux version 7.2.0-altscope-fixture (gcc) #1 SMP');
    const { store, loader } = setup(async () => ({ status: 'done', outcome: r }));
    await loader.openFile(file('mini-alt.elf'));
    expect(captureShareState(store.getState()).banner).toBe(r.banner);
  });

  it('carry the shown site and every site selected for sharing, and the selection', async () => {
    const table = await miniObjectTable();
    const { store, loader } = setup(async () => ({
      status: 'done',
      outcome: { ok: true, kind: 'relocatable', table, diagnostics: [] },
    }));
    await loader.openFile(file('mini-alt.o'));
    const hex = (i: number) => `0x${table.sites[i]!.addr.toString(16)}`;
    store.setState({ site: hex(3), shared: [hex(0), hex(3), hex(1)], reviewTab: 'teach' });
    const share = captureShareState(store.getState());
    const sub = parseJsonScenario(share.scenario!).table!;
    // In the kernel's order, the shown one named as `site`, the selection in its own order.
    expect(sub.sites.map((s) => s.addr)).toEqual([0, 1, 3].map((i) => table.sites[i]!.addr));
    expect(share.site).toBe(hex(3));
    expect(share.sites).toEqual([hex(0), hex(3), hex(1)]);
    expect(share.view.teachingMode).toBe(true);
  });
});
