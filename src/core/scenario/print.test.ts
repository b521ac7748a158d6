import { describe, expect, it } from 'vitest';
import type { AltEntry, AltTable, Site } from '../model';
import { toAddr, toFeatureIndex } from '../model';
import { printTextScenario } from './print';
import { describeTable } from './testing';
import { parseTextScenario } from './text';

/** Deterministic PRNG (mulberry32) so a failing table can be reproduced from its seed. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) >>> 0;
  };
}

const bytes = (r: (n: number) => number, n: number): Uint8Array =>
  Uint8Array.from({ length: n }, () => r(256));

function randomTable(seed: number): AltTable {
  const r = rng(seed);
  const kernel = r(2) ? '7.2' : '6.12';
  const symbols = [
    { name: 'BUG_func', addr: toAddr(0xffffffff81400000n) },
    { name: 'pv_ops', addr: toAddr(0xffffffff82a00000n + BigInt(r(4096))) },
  ];
  const memory = [
    { addr: toAddr(0xffffffff82a00000n + BigInt(r(8192))), bytes: bytes(r, 8) },
    { addr: toAddr(0xffffffff82b00000n), bytes: bytes(r, r(40)) },
  ];
  const sites: Site[] = [];
  let tableIndex = 0;
  for (let s = 0; s < 1 + r(4); s++) {
    const addr = toAddr(0xffffffff81000000n + BigInt(s * 0x100 + r(0x80)));
    const len = r(30);
    const entries: AltEntry[] = [];
    const count = 1 + r(3);
    for (let i = 0; i < count; i++) {
      const replacement = bytes(r, r(24));
      entries.push({
        instr: addr,
        repl: toAddr(0xffffffff82800000n + BigInt(r(1 << 20))),
        cpuid: toFeatureIndex(r(3) === 0 ? r(65536) : r(768)),
        flags: r(8),
        instrlen: i === count - 1 ? len : r(len + 1),
        replacementlen: replacement.length,
        replacement,
        tableIndex: tableIndex++,
      });
    }
    sites.push({
      addr,
      original: bytes(r, len),
      entries,
      ...(r(2) ? { symbol: `fn_${s}+0x${r(99).toString(16)}/0x100` } : {}),
    });
  }
  const features = [...new Set([r(768), r(768), 117])].map(toFeatureIndex);
  return { kernel, sites, memory, symbols, features };
}

describe('printTextScenario', () => {
  it('round-trips random tables: parse(print(t)) equals t', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const table = randomTable(seed);
      const printed = printTextScenario(table);
      const back = parseTextScenario(printed);
      expect(back.diagnostics, `seed ${seed}\n${printed}`).toEqual([]);
      expect(describeTable(back.table!), `seed ${seed}`).toEqual(describeTable(table));
    }
  });

  it('prints defaults briefly and pointer slots by symbol', () => {
    const text = `kernel 7.2
features XSAVEOPT
symbol pv_ops 0xffffffff82a00000
symbol xen_read_cr2 0xffffffff81202b30
pointer pv_ops+0x40 = xen_read_cr2
site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
  orig 49 0f ae 64 24 40
  alt XSAVEOPT at 0xffffffff89c1e6d9 49 0f ae 74 24 40
  alt NOT X86_BUG_SRSO DIRECT_CALL flags 0x4 instrlen 3 000102030405060708090a0b0c0d0e0f10
`;
    expect(printTextScenario(parseTextScenario(text).table!)).toBe(`kernel 7.2
features XSAVEOPT
symbol pv_ops 0xffffffff82a00000
symbol xen_read_cr2 0xffffffff81202b30
pointer pv_ops+0x40 = xen_read_cr2

site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
  orig 49 0f ae 64 24 40
  alt XSAVEOPT at 0xffffffff89c1e6d9 49 0f ae 74 24 40
  alt NOT X86_BUG_SRSO DIRECT_CALL flags 0x4 instrlen 3 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f
    10
`);
  });
});
