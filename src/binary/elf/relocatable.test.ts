import { describe, expect, it } from 'vitest';
import { readRelocatable } from './relocatable';
import { hex, readFixture } from './testFixtures';

const entriesOf = (s: {
  entries: {
    cpuid: number;
    flags: number;
    instrlen: number;
    replacementlen: number;
    replacement: Uint8Array;
  }[];
}) =>
  s.entries.map((e) => ({
    cpuid: e.cpuid,
    flags: e.flags,
    instrlen: e.instrlen,
    replacementlen: e.replacementlen,
    repl: hex(e.replacement),
  }));

describe('readRelocatable (gcc-made mini-alt.o)', () => {
  const res = readRelocatable(readFixture('mini-alt.o'));
  if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
  const img = res.value;
  const sites = img.table.sites;

  it('resolves every .altinstructions entry through .rela.altinstructions to section-relative sites', () => {
    expect(res.diagnostics).toEqual([]);
    expect(img.kind).toBe('relocatable');
    expect(img.release).toBe('7.2.0-altscope-fixture');
    expect(img.table.kernel).toBe('7.2');
    expect(sites.map((s) => img.describe(s.addr))).toEqual([
      '.text+0x30',
      '.text+0x40',
      '.text+0x50',
      '.text+0x60',
    ]);
    expect(sites.map((s) => s.source?.kind === 'offset' && s.source.what)).toEqual([
      '.text+0x30',
      '.text+0x40',
      '.text+0x50',
      '.text+0x60',
    ]);
    expect(sites.map((s) => s.symbol)).toEqual([
      'site_lfence+0x0/0x10',
      'site_xsave+0x0/0x10',
      'site_not+0x0/0x10',
      'site_pv+0x0/0x20',
    ]);
  });

  it('reads original bytes (with 0x90 padding), features, flags and replacements', () => {
    expect(sites.map((s) => hex(s.original))).toEqual([
      '909090',
      '480fae27',
      '9c58909090',
      'ff1522000000',
    ]);
    expect(entriesOf(sites[0]!)).toEqual([
      { cpuid: 642, flags: 0, instrlen: 3, replacementlen: 3, repl: '0faee8' },
    ]);
    // Nested ALTERNATIVE_2: innermost first, both at one site.
    expect(entriesOf(sites[1]!)).toEqual([
      { cpuid: 320, flags: 0, instrlen: 4, replacementlen: 4, repl: '480fae37' },
      { cpuid: 323, flags: 0, instrlen: 4, replacementlen: 4, repl: '480fc72f' },
    ]);
    expect(
      entriesOf(sites[3]!).map((e) => [e.cpuid, e.flags, e.instrlen, e.replacementlen]),
    ).toEqual([
      [117, 2, 6, 5],
      [272, 1, 6, 2],
    ]);
    expect(sites[1]!.entries.map((e) => e.tableIndex)).toEqual([1, 2]);
  });

  it('applies the PLT32 relocations inside .altinstr_replacement so calls reach their symbols', () => {
    expect(
      img.replacementRelocations.map(
        (r) => `${r.section}+0x${r.offset.toString(16)} ${r.type} ${r.symbol}${r.addend}`,
      ),
    ).toEqual([
      '.altinstr_replacement+0xc R_X86_64_PLT32 native_save_fl-4',
      '.altinstr_replacement+0x11 R_X86_64_PLT32 BUG_func-4',
    ]);
    const call = sites[2]!.entries[0]!;
    const rel = new DataView(call.replacement.buffer, call.replacement.byteOffset).getInt32(
      1,
      true,
    );
    expect(call.replacement[0]).toBe(0xe8);
    expect(img.describe(call.repl + 5n + BigInt(rel))).toBe('.text+0x10'); // native_save_fl
    const bug = sites[3]!.entries[0]!;
    const rel2 = new DataView(bug.replacement.buffer, bug.replacement.byteOffset).getInt32(1, true);
    expect(bug.repl + 5n + BigInt(rel2)).toBe(
      img.table.symbols.find((s) => s.name === 'BUG_func')!.addr,
    );
  });

  it('resolves the pv_ops slot the DIRECT_CALL site reads (pv_ops[1] = native_save_fl)', () => {
    expect(img.table.memory.map((m) => img.describe(m.addr))).toEqual(['.data+0x8']);
    const ptr = new DataView(img.table.memory[0]!.bytes.buffer).getBigUint64(0, true);
    expect(img.describe(ptr)).toBe('.text+0x10');
    expect(img.table.symbols.map((s) => `${s.name} ${img.describe(s.addr)}`)).toEqual([
      'BUG_func .text.unlikely+0x0',
      'nop_func .text+0x0',
    ]);
  });

  it('rejects an executable with a clear error', () => {
    const r = readRelocatable(readFixture('mini-alt.elf'));
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'elf-type',
      message: 'e_type 2 is not ET_REL (1)',
      location: { kind: 'offset', offset: 16 },
    });
  });
});

describe('readRelocatable (mini-alt.ko, a module stand-in)', () => {
  it('takes the release and profile from .modinfo vermagic', () => {
    const res = readRelocatable(readFixture('mini-alt.ko'));
    if (!res.ok) throw new Error(JSON.stringify(res.diagnostics));
    expect(res.value.release).toBe('6.12.117+deb13-cloud-amd64');
    expect(res.value.table.kernel).toBe('6.12');
    expect(res.value.table.sites.map((s) => hex(s.original))).toEqual([
      '909090',
      '480fae27',
      '9c58909090',
      'ff1522000000',
    ]);
  });
});

describe('readRelocatable: relocation types it does not model', () => {
  it('names the section, entry and type, and leaves the field unrelocated', () => {
    const o = readFixture('mini-alt.o').slice();
    // .rela.altinstr_replacement is at 0x4e8 (readelf -r); its first r_info type byte → 9 (GOTPCREL).
    o[0x4e8 + 8] = 9;
    const r = readRelocatable(o);
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.location])).toEqual([
      [
        'rela-type',
        '.rela.altinstr_replacement entry 0: relocation type 9 is not supported; field left unrelocated',
        { kind: 'offset', offset: 0x4e8 + 8, what: '.rela.altinstr_replacement r_info' },
      ],
    ]);
    expect(r.ok && hex(r.value.table.sites[2]!.entries[0]!.replacement)).toBe('e800000000');
  });
});
