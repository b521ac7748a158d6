import { describe, expect, it } from 'vitest';
import { readFixture } from '../binary/elf/testFixtures';
import { readFileInWorker, type WorkerLike } from './client';
import type { BootKept, ReadRequest, WorkerMessage } from './protocol';
import type { BootRequest } from './bootProtocol';
import { readKernelFile } from './readKernelFile';
import { encodeTable } from './tableColumns';

/** A worker that records what the page posted and answers when the test says. */
function fakeWorker() {
  const sent: (ReadRequest | BootRequest)[] = [];
  let terminated = 0;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (m) => void sent.push(m),
    terminate: () => void terminated++,
  };
  const reply = (m: WorkerMessage) => w.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
  return { w, sent, reply, terminated: () => terminated };
}

const file = { name: 'vmlinuz' } as File;

/** The worker's answer for the mini vmlinux, with `boot` as the worker decided. */
async function doneMessage(boot?: BootKept): Promise<WorkerMessage> {
  const r = await readKernelFile(readFixture('mini-alt.elf'), 'mini-alt.elf');
  if (!r.ok || !('table' in r)) throw new Error('fixture did not read');
  const { table, ...rest } = r;
  return { type: 'done', outcome: { ...rest, columns: encodeTable(table).columns }, boot };
}

describe('readFileInWorker', () => {
  it('asks the worker to keep a kernel only when told to', () => {
    const kept = fakeWorker();
    readFileInWorker(file, () => {}, { keepKernel: true, makeWorker: () => kept.w });
    const plain = fakeWorker();
    readFileInWorker(file, () => {}, { makeWorker: () => plain.w });
    expect([kept.sent, plain.sent]).toEqual([
      [{ type: 'read', file, keepKernel: true }],
      [{ type: 'read', file, keepKernel: false }],
    ]);
  });

  it('a worker that kept the kernel is handed on alive, without the reader’s handlers', async () => {
    const f = fakeWorker();
    const h = readFileInWorker(file, () => {}, { keepKernel: true, makeWorker: () => f.w });
    f.reply(await doneMessage({ ok: true }));
    const end = await h.done;
    if (end.status !== 'done') throw new Error(end.status);
    expect(end.boot).toEqual({ ok: true, worker: f.w });
    expect([f.w.onmessage, f.w.onerror, f.w.onmessageerror]).toEqual([null, null, null]);
    h.cancel();
    expect(f.terminated()).toBe(0);
    expect(end.outcome.ok && 'table' in end.outcome && end.outcome.table.sites.length).toBe(4);
  });

  it('a kernel without the passes’ tables ends its worker and says why', async () => {
    const f = fakeWorker();
    const h = readFileInWorker(file, () => {}, { keepKernel: true, makeWorker: () => f.w });
    f.reply(await doneMessage({ ok: false, reason: 'no tables' }));
    const end = await h.done;
    expect([f.terminated(), end.status === 'done' && end.boot]).toEqual([
      1,
      { ok: false, reason: 'no tables' },
    ]);
  });

  it('any other file ends its worker with the read', async () => {
    const f = fakeWorker();
    const h = readFileInWorker(file, () => {}, { keepKernel: true, makeWorker: () => f.w });
    f.reply(await doneMessage());
    const end = await h.done;
    expect([f.terminated(), end.status === 'done' && end.boot]).toEqual([1, undefined]);
  });
});
