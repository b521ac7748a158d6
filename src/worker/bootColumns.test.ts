import { describe, expect, it } from 'vitest';
import { toAddr } from '../core/model';
import type { BootResult } from '../core/passes/boot';
import type { PassRecord } from '../core/passes/types';
import { matchRecords } from '../ui/passes/matchRecords';
import { bootRecord, encodeBoot, REC_CHANGED, REC_UNKNOWABLE } from './bootColumns';

const rec = (
  pass: PassRecord['pass'],
  addr: bigint,
  before: number[],
  after: number[],
  what: string,
  unknowable = false,
): PassRecord => ({
  pass,
  addr: toAddr(addr),
  before: Uint8Array.from(before),
  after: Uint8Array.from(after),
  what,
  ...(unknowable ? { unknowable } : {}),
});

/** Two passes before alternatives, alternatives, and a runtime constant; one alternative site. */
function boot(): BootResult {
  const site = 0x1000n;
  return {
    runs: [
      {
        pass: 'ftrace',
        records: [
          rec(
            'ftrace',
            0x0ffcn,
            [0xe8, 1, 2, 3, 4],
            [0x0f, 0x1f, 0x44, 0, 0],
            'call __fentry__ → nop',
          ),
        ],
      },
      {
        pass: 'returns',
        records: [
          rec('returns', 0x1003n, [0xe9, 1, 2, 3, 4], [0xc3, 0xcc, 0xcc, 0xcc, 0xcc], 'ret; int3'),
          rec('returns', 0x2000n, [0xc3], [0xc3], 'kept'),
        ],
      },
      { pass: 'call-thunks', records: [], missing: true },
      { pass: 'alternatives', records: [rec('alternatives', site, [0x90], [0xcc], 'entry 0')] },
      {
        pass: 'runtime-consts',
        records: [rec('runtime-consts', 0x3000n, [0, 0], [0, 0], 'USER_PTR_MAX', true)],
      },
    ],
    altSites: [
      {
        result: { addr: toAddr(site), len: 8 } as BootResult['altSites'][0]['result'],
        before: Uint8Array.from([0x90, 0x90, 0x90, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc]),
        rewrittenReplacements: [],
      },
    ],
    image: undefined as unknown as BootResult['image'],
    diff: [{ addr: toAddr(0x1003n), bytes: Uint8Array.of(0xc3, 0xcc) }],
    diagnostics: [],
  };
}

describe('encodeBoot', () => {
  const { columns: c, transfer } = encodeBoot(boot(), (a) =>
    a === 0x1003n ? 'thunk+0x3/0x10' : undefined,
  );

  it('keeps the passes in order with their record ranges, rewrites and changed bytes', () => {
    expect(c.passes).toEqual([
      { pass: 'ftrace', missing: false, start: 0, end: 1, rewrites: 1, bytesChanged: 5 },
      { pass: 'returns', missing: false, start: 1, end: 3, rewrites: 1, bytesChanged: 5 },
      { pass: 'call-thunks', missing: true, start: 3, end: 3, rewrites: 0, bytesChanged: 0 },
      { pass: 'alternatives', missing: false, start: 3, end: 4, rewrites: 1, bytesChanged: 1 },
      { pass: 'runtime-consts', missing: false, start: 4, end: 5, rewrites: 0, bytesChanged: 0 },
    ]);
    expect([c.diffRuns, c.diffBytes]).toEqual([1, 2]);
  });

  it('reads a record back with its bytes, symbol and flags', () => {
    const r = bootRecord(c, 1);
    expect([r.pass, r.addr, r.symbol, r.what, r.changed, r.unknowable]).toEqual([
      'returns',
      0x1003n,
      'thunk+0x3/0x10',
      'ret; int3',
      true,
      false,
    ]);
    expect([...r.before, ...r.after]).toEqual([0xe9, 1, 2, 3, 4, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc]);
    expect(c.recFlags[2]).toBe(0);
    expect(c.recFlags[4]).toBe(REC_UNKNOWABLE);
    expect(c.recFlags[0]).toBe(REC_CHANGED);
  });

  it("lists per site the other passes' changing records overlapping it, not alternatives' own", () => {
    expect([...c.siteAddr]).toEqual([0x1000n]);
    expect([...c.siteRecs.subarray(c.siteRecStart[0], c.siteRecStart[1])]).toEqual([0, 1]);
    expect([
      ...c.arena.subarray(c.siteBeforeAt[0], c.siteBeforeAt[0]! + c.siteBeforeLen[0]!),
    ]).toEqual([0x90, 0x90, 0x90, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc]);
  });

  it('transfers every typed array, none twice', () => {
    expect(new Set(transfer).size).toBe(transfer.length);
    expect(transfer).toContain(c.recAddr.buffer);
    expect(transfer).toContain(c.siteRecs.buffer);
  });

  it('searches a pass by symbol, address, bytes and what', () => {
    const returns = c.passes[1]!;
    expect([...matchRecords(c, returns, '')]).toEqual([1, 2]);
    expect([...matchRecords(c, returns, 'THUNK+0x3')]).toEqual([1]);
    expect([...matchRecords(c, returns, '0x2000')]).toEqual([2]);
    expect([...matchRecords(c, returns, 'c3 cc')]).toEqual([1]);
    expect([...matchRecords(c, returns, 'kept')]).toEqual([2]);
    expect([...matchRecords(c, returns, 'nothing like it')]).toEqual([]);
  });
});
