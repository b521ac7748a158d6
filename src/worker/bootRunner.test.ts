import { describe, expect, it } from 'vitest';
import type { InsnDecoder } from '../core/ports';
import type { BootColumns } from './bootColumns';
import type { BootMessage } from './bootProtocol';
import { createBootRunner } from './bootRunner';

const decoder = {} as InsnDecoder;
const columns = (tag: number) => ({ diffRuns: tag }) as unknown as BootColumns;

/** A runner whose simulation tags its columns with the first feature, and the pauses it took. */
function setup(simulate?: (features: number[]) => never) {
  const posted: [BootMessage, Transferable[] | undefined][] = [];
  const simulated: number[][] = [];
  let release: () => void = () => {};
  const queue = new Promise<void>((r) => (release = r));
  const run = createBootRunner({
    decoder: () => Promise.resolve(decoder),
    simulate: (features, d) => {
      expect(d).toBe(decoder);
      simulated.push(features);
      if (simulate) simulate(features);
      const buf = new ArrayBuffer(8);
      return { columns: columns(features[0] ?? -1), transfer: [buf], ms: 5 };
    },
    post: (m, t) => void posted.push([m, t]),
    // The queued messages "arrive" when the test releases them.
    yieldToQueue: () => queue,
  });
  return { run, posted, simulated, release };
}

describe('the worker’s boot runner', () => {
  it('runs the newest of the requests queued together, and only it', async () => {
    const { run, posted, simulated, release } = setup();
    const done = [1, 2, 3].map((id) => run({ type: 'run', id, features: [id * 10] }));
    release();
    await Promise.all(done);
    expect(simulated).toEqual([[30]]);
    expect(posted.map(([m]) => m)).toEqual([
      { type: 'result', id: 3, columns: columns(30), ms: 5 },
    ]);
    // The columns' buffers are transferred, not copied.
    expect(posted[0]![1]).toHaveLength(1);
  });

  it('a run asked for after the last one finished runs too', async () => {
    const { run, posted, release } = setup();
    release();
    await run({ type: 'run', id: 1, features: [1] });
    await run({ type: 'run', id: 2, features: [2] });
    expect(posted.map(([m]) => [m.type, m.id])).toEqual([
      ['result', 1],
      ['result', 2],
    ]);
  });

  it('a simulation that throws is reported as the run’s failure', async () => {
    const { run, posted, release } = setup(() => {
      throw new Error('boom at 0xffffffff81000000');
    });
    release();
    await run({ type: 'run', id: 4, features: [] });
    expect(posted.map(([m]) => m)).toEqual([
      { type: 'failed', id: 4, message: 'boom at 0xffffffff81000000' },
    ]);
  });

  it('a run waiting for the decoder to load is skipped when a newer one arrives meanwhile', async () => {
    const posted: BootMessage[] = [];
    let loaded: (d: InsnDecoder) => void = () => {};
    const load = new Promise<InsnDecoder>((r) => (loaded = r));
    const run = createBootRunner({
      decoder: () => load,
      simulate: (features) => ({ columns: columns(features[0]!), transfer: [], ms: 1 }),
      post: (m) => void posted.push(m),
      yieldToQueue: () => Promise.resolve(),
    });
    const first = run({ type: 'run', id: 1, features: [1] });
    await Promise.resolve();
    await Promise.resolve();
    const second = run({ type: 'run', id: 2, features: [2] });
    loaded(decoder);
    await Promise.all([first, second]);
    expect(posted).toEqual([{ type: 'result', id: 2, columns: columns(2), ms: 1 }]);
  });
});
