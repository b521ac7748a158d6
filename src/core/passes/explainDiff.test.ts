import { describe, expect, it } from 'vitest';
import { toAddr } from '../model';
import { compareDiffs } from './compareDiff';
import { explainDiff } from './explainDiff';
import { emptyBootTables, type BootTables } from './types';

const A = (v: number) => toAddr(0xffffffff81000000n + BigInt(v));
const run = (at: number, ...bytes: number[]) => ({ addr: A(at), bytes: Uint8Array.from(bytes) });
const tables: BootTables = {
  ...emptyBootTables(),
  staticCallSites: [{ addr: A(0x100), key: A(0x9000), tail: false }],
  jumpTable: [{ code: A(0x200), target: A(0x240), key: A(0x9100), branch: false }],
};

describe('compareDiffs + explainDiff', () => {
  it('scores bytes and names the mechanism behind each run the simulation misses', () => {
    const sim = [run(0x10, 0x0f, 0x1f), run(0x100, 0x0f, 0x1f, 0x44, 0x00, 0x00)];
    const real = [
      run(0x10, 0x0f, 0x1f),
      run(0x101, 0x11, 0x22, 0x33, 0x44),
      run(0x200, 0xeb, 0x3e),
      run(0x300, 0xaa),
    ];
    const cmp = compareDiffs(sim, real);
    expect([cmp.realChanged, cmp.exact]).toEqual([9, 2]);
    expect(cmp.extra.map((r) => [r.addr - A(0), r.bytes.length])).toEqual([[0x100n, 1]]);
    const why = explainDiff(cmp, tables, []);
    expect(why.map((w) => [Number(w.addr - A(0)), w.len, w.cause, w.key, w.extra])).toEqual([
      [0x100, 1, 'static call updated later', A(0x9000), true],
      [0x101, 4, 'static call updated later', A(0x9000), false],
      [0x200, 2, 'jump label switched later', A(0x9100), false],
      [0x300, 1, 'no table', undefined, false],
    ]);
  });
});
