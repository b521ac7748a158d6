import { describe, expect, it } from 'vitest';
import { readFixture } from '../binary/elf/testFixtures';
import type { AltTable } from '../core/model';
import { toAddr, toFeatureIndex } from '../core/model';
import { readKernelFile } from './readKernelFile';
import { decodeTable, encodeTable } from './tableColumns';

async function tableOf(fixture: string): Promise<AltTable> {
  const r = await readKernelFile(readFixture(fixture), fixture);
  if (!r.ok || !('table' in r)) throw new Error(`${fixture} did not read`);
  return r.table;
}

/** Encode, post through a real structured clone with the buffers transferred, decode. */
function roundTrip(table: AltTable) {
  const { columns, transfer } = encodeTable(table);
  const posted = structuredClone(columns, { transfer });
  return { table: decodeTable(posted), arena: posted.arena, transfer };
}

describe('tableColumns', () => {
  it('rebuilds the vmlinux fixture exactly, every byte array a view into one arena', async () => {
    const table = await tableOf('mini-alt.elf');
    const back = roundTrip(table);
    expect(back.table).toEqual(table);
    const arrays = [
      ...back.table.sites.flatMap((s) => [s.original, ...s.entries.map((e) => e.replacement)]),
      ...back.table.memory.map((m) => m.bytes),
    ];
    expect(arrays.every((a) => a.buffer === back.arena.buffer)).toBe(true);
    expect(arrays.reduce((n, a) => n + a.length, 0)).toBe(back.arena.length);
    // Transferred: the worker's copies are detached, nothing was cloned twice.
    expect(back.transfer.every((b) => b.byteLength === 0)).toBe(true);
  });

  it('rebuilds a boot-log table and a relocatable object exactly', async () => {
    for (const fixture of ['serial-6.12-excerpt.log', 'mini-alt.o']) {
      const table = await tableOf(fixture);
      expect(roundTrip(table).table).toEqual(table);
    }
  });

  it('keeps absent symbols and sources absent, text sources, files and repeated strings', () => {
    const entry = (instr: bigint, cpuid: number, source?: AltTable['sites'][0]['source']) => ({
      instr: toAddr(instr),
      repl: toAddr(0xffffffff82000000n),
      cpuid: toFeatureIndex(cpuid),
      flags: 3,
      instrlen: 5,
      replacementlen: 2,
      replacement: new Uint8Array([0x0f, 0xae]),
      tableIndex: 7,
      ...(source ? { source } : {}),
    });
    const table: AltTable = {
      kernel: '6.12',
      sites: [
        {
          addr: toAddr(0xffffffff81000010n),
          original: new Uint8Array([0x90, 0x90, 0x90, 0x90, 0x90]),
          entries: [entry(0xffffffff81000010n, 117, { kind: 'text', line: 4, column: 9 })],
          source: { kind: 'text', line: 3, column: 1, file: 'a.alt' },
        },
        {
          addr: toAddr(0xffffffff81000020n),
          symbol: 'f+0x0/0x10',
          original: new Uint8Array([]),
          entries: [
            entry(0xffffffff81000020n, 2, { kind: 'offset', offset: 64, what: 'x' }),
            entry(0xffffffff81000020n, 3, { kind: 'offset', offset: 80, what: 'x' }),
            entry(0xffffffff81000020n, 4),
          ],
        },
        {
          addr: toAddr(0xffffffff81000030n),
          symbol: '',
          original: new Uint8Array([1]),
          entries: [],
        },
      ],
      memory: [{ addr: toAddr(0xffffffff83000000n), bytes: new Uint8Array([1, 2, 3, 4]) }],
      symbols: [{ name: 'nop_func', addr: toAddr(0xffffffff81001000n) }],
      features: [toFeatureIndex(117)],
    };
    const { columns } = encodeTable(table);
    // 'x' is stored once; the empty symbol is a string, not an absence.
    expect(columns.text).toBe('a.altf+0x0/0x10x');
    expect([...columns.siteSymbol]).toEqual([-1, 1, 3]);
    const back = decodeTable(columns);
    expect(back).toEqual(table);
    expect('symbol' in (back.sites[0] as object)).toBe(false);
    expect('source' in (back.sites[1]?.entries[2] as object)).toBe(false);
  });
});

describe('tableColumns, 6.1', () => {
  it("carries a 6.1 table's paravirt sites to the page", () => {
    const table: AltTable = {
      kernel: '6.1',
      sites: [],
      memory: [],
      symbols: [{ name: 'pv_ops', addr: toAddr(0xffffffff82a398c0n) }],
      features: [],
      paravirt: [
        {
          addr: toAddr(0xffffffff8304e223n),
          type: 45,
          len: 6,
          original: new Uint8Array([0xff, 0x15, 0xff, 0xb7, 0x9e, 0xff]),
          symbol: 'reset_early_page_tables+0x44/0x4f',
          source: { kind: 'offset', offset: 16, what: 'paravirt_patch_site 1' },
        },
      ],
    };
    const { source: _dropped, ...site } = table.paravirt![0]!;
    expect(roundTrip(table).table).toEqual({ ...table, paravirt: [site] });
  });
});
