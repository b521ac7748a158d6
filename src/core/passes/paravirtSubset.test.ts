import { describe, expect, it } from 'vitest';
import { toAddr, type AltTable, type Site } from '../model';
import { paravirtFor } from './paravirtSubset';

const site = (addr: bigint, len: number): Site => ({
  addr: toAddr(addr),
  original: new Uint8Array(len),
  entries: [],
});
const PV_OPS = 0xffffffff82a398c0n;
const table: AltTable = {
  kernel: '6.1',
  sites: [site(0xffffffff81001000n, 6), site(0xffffffff81002000n, 6)],
  memory: [
    { addr: toAddr(PV_OPS + 8n), bytes: new Uint8Array(8) },
    { addr: toAddr(PV_OPS + 16n), bytes: new Uint8Array(8) },
  ],
  symbols: [{ name: 'pv_ops', addr: toAddr(PV_OPS) }],
  features: [],
  paravirt: [
    { addr: toAddr(0xffffffff81001000n), type: 1, len: 6, original: new Uint8Array(6) },
    { addr: toAddr(0xffffffff81002002n), type: 2, len: 6, original: new Uint8Array(6) },
    { addr: toAddr(0xffffffff81003000n), type: 2, len: 6, original: new Uint8Array(6) },
  ],
};

describe('paravirtFor', () => {
  it('keeps the paravirt sites overlapping the chosen sites and their pv_ops slots', () => {
    const one = paravirtFor(table, [table.sites[0]!]);
    expect([one.paravirt.map((p) => p.type), one.memory.map((m) => m.addr - PV_OPS)]).toEqual([
      [1],
      [8n],
    ]);
    const two = paravirtFor(table, [table.sites[1]!]);
    expect([
      two.paravirt.map((p) => p.addr.toString(16)),
      two.memory.map((m) => m.addr - PV_OPS),
    ]).toEqual([['ffffffff81002002'], [16n]]);
  });

  it('is empty for a table without paravirt sites', () => {
    expect(paravirtFor({ ...table, paravirt: undefined }, table.sites)).toEqual({
      paravirt: [],
      memory: [],
    });
  });
});
