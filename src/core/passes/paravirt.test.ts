import { describe, expect, it } from 'vitest';
import { toAddr, type ParavirtSite } from '../model';
import { formatDump } from '../patch/bytes';
import { createKernelMemory } from '../patch/memory';
import { applyParavirt } from './paravirt';
import { createTextImage } from './rangeImage';

const le64 = (v: bigint) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v, true);
  return out;
};
const PV_OPS = 0xffffffff82a398c0n;
const NOP = 0xffffffff81c019can;
const BUG = 0xffffffff81a06a50n;
const TARGET = 0xffffffff81079a10n;
// Slot 0 → a function, slot 1 → _paravirt_nop, slot 2 → NULL.
const memory = createKernelMemory(
  [{ addr: toAddr(PV_OPS), bytes: new Uint8Array([...le64(TARGET), ...le64(NOP), ...le64(0n)]) }],
  [
    { name: 'pv_ops', addr: toAddr(PV_OPS) },
    { name: '_paravirt_nop', addr: toAddr(NOP) },
    { name: 'paravirt_BUG', addr: toAddr(BUG) },
  ],
);
const CALL = new Uint8Array([0xff, 0x15, 0x00, 0x00, 0x00, 0x00]);
const site = (addr: bigint, type: number, len = 6): ParavirtSite => ({
  addr: toAddr(addr),
  type,
  len,
  original: CALL.slice(0, len),
});

describe('applyParavirt (6.1 apply_paravirt)', () => {
  it('writes call <pv_ops target> + NOP, NOPs for _paravirt_nop, call paravirt_BUG for NULL', () => {
    const sites = [
      site(0xffffffff81001000n, 0),
      site(0xffffffff81002000n, 1),
      site(0xffffffff81003000n, 2),
    ];
    const image = createTextImage(sites.map((s) => ({ addr: s.addr, bytes: s.original })));
    const out = applyParavirt(image, sites, memory);
    expect(out.diagnostics).toEqual([]);
    expect(out.records.map((r) => [formatDump(r.after), r.what])).toEqual([
      // TARGET - (0xffffffff81001000 + 5) = 0x78a0b
      ['e8 0b 8a 07 00 90', 'call 0xffffffff81079a10 (pv_ops slot 0)'],
      ['66 0f 1f 44 00 00', 'NOPs (pv_ops slot is _paravirt_nop)'],
      // BUG - (0xffffffff81003000 + 5) = 0xa03a4b
      ['e8 4b 3a a0 00 90', 'call paravirt_BUG (pv_ops slot is NULL)'],
    ]);
    expect(formatDump(image.read(toAddr(0xffffffff81001000n), 6)!)).toBe('e8 0b 8a 07 00 90');
  });

  it('BUGs when a call does not fit the site, and stops there', () => {
    const sites = [site(0xffffffff81001000n, 0, 4), site(0xffffffff81002000n, 1)];
    const image = createTextImage(sites.map((s) => ({ addr: s.addr, bytes: s.original })));
    const out = applyParavirt(image, sites, memory);
    expect(out.records).toEqual([]);
    expect(out.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'kernel-bug-paravirt',
        'BUG_ON(used > p->len): a 5-byte call does not fit paravirt site 0xffffffff81001000 (4 bytes)',
      ],
    ]);
  });
});
