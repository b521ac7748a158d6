import { describe, expect, it } from 'vitest';
import { readVmlinux } from './vmlinux';
import { hex, readFixture } from './testFixtures';

describe('readVmlinux (gcc-linked mini-alt.elf)', () => {
  const bytes = readFixture('mini-alt.elf');
  const res = readVmlinux(bytes);
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  const img = res.value;

  it('reads sites by virtual address with %pS names', () => {
    expect(img.table.kernel).toBe('7.2');
    expect(img.kernelFrom).toBe('banner');
    expect(img.release).toBe('7.2.0-altscope-fixture');
    expect(img.table.sites.map((s) => [s.addr.toString(16), s.symbol, hex(s.original)])).toEqual([
      ['401040', 'site_lfence+0x0/0x10', '909090'],
      ['401050', 'site_xsave+0x0/0x10', '480fae27'],
      ['401060', 'site_not+0x0/0x10', '9c58909090'],
      ['401070', 'site_pv+0x0/0xf90', 'ff1532200000'],
    ]);
    expect(img.altStart.toString(16)).toBe('402033');
    expect(img.altEnd - img.altStart).toBe(6n * 14n);
  });

  it('resolves replacements, pv_ops slots and nop_func/BUG_func', () => {
    const pv = img.table.sites[3]!;
    expect(pv.entries.map((e) => [e.repl.toString(16), hex(e.replacement)])).toEqual([
      ['401087', 'e874ffffff'],
      ['40108c', '9c58'],
    ]);
    expect(img.table.memory.map((m) => [m.addr.toString(16), hex(m.bytes)])).toEqual([
      ['4030a8', '2010400000000000'],
    ]);
    expect(img.table.symbols.map((s) => [s.name, s.addr.toString(16)])).toEqual([
      ['BUG_func', '401000'],
      ['nop_func', '401010'],
    ]);
  });

  it('--kernel overrides the banner', () => {
    const r = readVmlinux(bytes, { kernel: '6.12' });
    expect(r.ok && r.value.table.kernel).toBe('6.12');
    expect(r.ok && r.value.kernelFrom).toBe('option');
  });

  it('a table whose size is not a multiple of 14 is a clear error', () => {
    const copy = bytes.slice();
    const v = new DataView(copy.buffer);
    const shoff = Number(v.getBigUint64(40, true));
    const shnum = v.getUint16(60, true);
    let fixed = false;
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * 64;
      if (v.getBigUint64(o + 16, true) === img.altStart) {
        v.setBigUint64(o + 32, 6n * 14n - 3n, true);
        fixed = true;
      }
    }
    expect(fixed).toBe(true);
    const r = readVmlinux(copy);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toBe(
      '.altinstructions size 81 is not a multiple of the 14-byte struct alt_instr of 7.2 (11 bytes left over)',
    );
    expect(r.diagnostics[0]!.location).toMatchObject({
      kind: 'offset',
      what: '.altinstructions sh_size',
    });
  });
});

describe('Node Buffer input', () => {
  it('hands plain Uint8Arrays to the model, so engine copies (slice) never alias the file', () => {
    const buf = Buffer.from(readFixture('mini-alt.elf'));
    const r = readVmlinux(buf);
    if (!r.ok) throw new Error('read');
    const site = r.value.table.sites[0]!;
    expect(Object.getPrototypeOf(site.original)).toBe(Uint8Array.prototype);
    site.original.slice()[0] = 0xcc;
    expect(hex(site.original)).toBe('909090');
  });
});
