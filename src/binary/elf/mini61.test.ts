/**
 * A gcc-built 6.1 stand-in (fixtures/binary/mini-alt61.c): 12-byte entries, a flat ALT_2, two
 * `.parainstructions` sites. Runs without ../shared.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatDump } from '../../core/patch/bytes';
import { simulate } from '../../core/patch/simulate';
import { createDecoder } from '../../disasm/node';
import { readFixture } from './testFixtures';
import { readVmlinux } from './vmlinux';

const decoder = createDecoder();
afterAll(() => decoder.dispose());

describe('readVmlinux (gcc-linked mini-alt61.elf, 6.1 layout)', () => {
  const res = readVmlinux(readFixture('mini-alt61.elf'));
  const img = res.ok ? res.value : undefined;

  it('reads 12-byte entries (NOT from bit 15) and the paravirt sites, 6.1 from the banner', () => {
    expect(res.diagnostics).toEqual([]);
    expect([img?.table.kernel, img?.release]).toEqual(['6.1', '6.1.0-altscope-fixture']);
    expect(
      img!.table.sites.map((s) => [
        s.symbol,
        formatDump(s.original),
        s.entries.map((e) => [e.cpuid, e.flags, e.instrlen, e.replacementlen]),
      ]),
    ).toEqual([
      [
        'site_xsave+0x0/0x10',
        '48 0f ae 27',
        [
          [320, 0, 4, 4],
          [323, 0, 4, 4],
        ],
      ],
      ['site_pv+0x0/0x10', 'ff 15 52 20 00 00', [[272, 1, 6, 2]]],
      ['site_pv_nop+0x0/0x10', 'ff 15 3a 20 00 00', [[272, 1, 6, 0]]],
      ['site_call+0x0/0xf90', '9c 58 90 90 90', [[117, 0, 5, 5]]],
    ]);
    expect(img!.table.paravirt?.map((p) => [p.symbol, p.type, p.len])).toEqual([
      ['site_pv+0x0/0x10', 1, 6],
      ['site_pv_nop+0x0/0x10', 0, 6],
    ]);
  });

  it('patches like 6.1: paravirt first, then every eligible entry in place', () => {
    const report = simulate(
      img!.table,
      { kernel: '6.1', loop: 'multi-pass', features: new Set([323]) },
      decoder,
    );
    expect(report.passes?.map((p) => [formatDump(p.after), p.what])).toEqual([
      // native_save_fl (0x401020) − (0x401050 + 5) = −0x35
      ['e8 cb ff ff ff 90', 'call 0x401020 (pv_ops slot 1)'],
      ['66 0f 1f 44 00 00', 'NOPs (pv_ops slot is _paravirt_nop)'],
    ]);
    expect(report.sites.map((s) => formatDump(s.final))).toEqual([
      '48 0f c7 2f',
      '9c 58 0f 1f 40 00',
      '66 0f 1f 44 00 00',
      // native_save_fl − (0x401070 + 5) = −0x55
      'e8 ab ff ff ff',
    ]);
    expect(report.sites[1]!.log[1]).toBe(
      'SMP alternatives: 0000000000401050:   old_insn: e8 cb ff ff ff 90',
    );
    expect(report.sites[3]!.log).toContain(
      'SMP alternatives: Fix CALL offset: 0xffffffab, CALL 0x401020',
    );
  });
});
