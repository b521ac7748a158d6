import { gzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAPTURES, capturesPresent } from '../binary/captures';
import { readFixture } from '../binary/elf/testFixtures';
import { detectKind } from './detectKind';
import { bootKernelOf } from './bootKernel';
import { readKernelFile, readKernelFileKeeping } from './readKernelFile';

const text = (s: string) => new TextEncoder().encode(s);

describe('detectKind', () => {
  it('recognises each input by content', () => {
    expect(detectKind(readFixture('mini-alt.elf'))).toBe('vmlinux');
    expect(detectKind(readFixture('mini-alt.o'))).toBe('relocatable');
    expect(detectKind(readFixture('serial-7.2-excerpt.log'))).toBe('bootlog');
    expect(detectKind(readFixture('mini-alt.System.map'))).toBe('system-map');
    expect(detectKind(text('  {"format":"altscope-scenario"}'))).toBe('scenario-json');
    expect(detectKind(text('kernel 7.2\nsite 0xffffffff81000000 x\n'))).toBe('scenario-text');
    // A scenario that quotes a log in a comment is still a scenario.
    expect(
      detectKind(text('# SMP alternatives: feat: 3*32+21, old: …\nsite 0xffffffff81000000\n')),
    ).toBe('scenario-text');
    expect(detectKind(new Uint8Array([1, 0, 2, 3]))).toBe('binary');
  });
});

describe('readKernelFile', () => {
  it('reads the gcc-made object into its four sites', async () => {
    const r = await readKernelFile(readFixture('mini-alt.o'), 'mini-alt.o');
    expect(r.ok && 'table' in r && r.table.sites.map((s) => s.symbol)).toEqual([
      'site_lfence+0x0/0x10',
      'site_xsave+0x0/0x10',
      'site_not+0x0/0x10',
      'site_pv+0x0/0x20',
    ]);
  });

  it('a truncated ELF fails with the offset of what is missing', async () => {
    const r = await readKernelFile(readFixture('mini-alt.elf').subarray(0, 2000), 'cut.elf');
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.location?.kind).toBe('offset');
    expect(r.diagnostics[0]?.message).toMatch(/past the end of the file \(size 2000\)/);
  });

  it('says what an unreadable file is', async () => {
    const junk = await readKernelFile(new Uint8Array([0, 1, 2, 3]), 'junk.bin');
    expect(junk).toEqual({
      ok: false,
      kind: 'binary',
      diagnostics: [
        {
          severity: 'error',
          code: 'unknown-format',
          message:
            'junk.bin: binary data of no known format (starts with 00 01 02 03); tried ELF (vmlinux, .o, .ko), bzImage, xz/zstd/gzip-compressed ELF, boot log, System.map, scenario',
          location: { kind: 'offset', offset: 0, what: 'magic' },
        },
      ],
    });
    const map = await readKernelFile(readFixture('mini-alt.System.map'), 'System.map');
    expect(map.diagnostics[0]?.code).toBe('system-map-alone');
  });

  it('reads a module as distributions ship it (.ko.xz) and refuses compressed non-kernels', async () => {
    const ko = await readKernelFile(readFixture('xt_rateest-7.3.ko.xz'), 'xt_rateest.ko.xz');
    if (!ko.ok || !('table' in ko)) throw new Error(JSON.stringify(ko.diagnostics));
    expect([ko.kind, ko.release, ko.table.kernel, ko.table.sites.length]).toEqual([
      'relocatable',
      '7.3-cloud-amd64',
      '7.3',
      1,
    ]);
    const text = await readKernelFile(gzipSync(new TextEncoder().encode('kernel 7.2\n')), 's.gz');
    expect(text.diagnostics.map((d) => d.message)).toEqual([
      'the gzip data decompresses to data of no known format (starts with 6b 65 72 6e 65 6c 20 37); tried ELF (vmlinux, .o, .ko), bzImage, xz/zstd/gzip-compressed ELF, boot log, System.map, scenario',
    ]);
  });

  it('hands scenario text back as text (BOM dropped) for the store to parse', async () => {
    const r = await readKernelFile(text('\uFEFFkernel 7.2\n'), 'a.alt');
    expect(r).toEqual({ ok: true, kind: 'scenario-text', text: 'kernel 7.2\n', diagnostics: [] });
  });

  it('a boot log becomes the table it patched, with the features it proves on', async () => {
    const r = await readKernelFile(readFixture('serial-6.12-excerpt.log'), 'serial.log');
    expect(
      r.ok && 'table' in r && [r.kind, r.table.kernel, r.table.sites.length, r.table.features],
    ).toEqual(['bootlog', '6.12', 3, [117]]);
  });
});

describe('readKernelFileKeeping: what the worker keeps for the boot passes', () => {
  it('a vmlinux keeps its own bytes as the ELF and the image its table came from', async () => {
    const bytes = readFixture('mini-alt.elf');
    const { outcome, kernel } = await readKernelFileKeeping(bytes, 'mini-alt.elf');
    if (!outcome.ok || !('table' in outcome) || !kernel) throw new Error('fixture did not read');
    expect(kernel.elf).toBe(bytes);
    expect(kernel.image.table).toBe(outcome.table);
    // The outcome is readKernelFile's, without the kernel.
    expect(outcome).toEqual(await readKernelFile(bytes, 'mini-alt.elf'));
    expect(bootKernelOf(kernel)).toEqual({
      ok: false,
      reason:
        'this image carries no boot-pass tables (.return_sites, .retpoline_sites): open a full ' +
        'vmlinux, a vmlinux-passes.elf or a vmlinuz to see every pass',
    });
  });

  it('a gzip-compressed vmlinux keeps the decompressed ELF', async () => {
    const elf = readFixture('mini-alt.elf');
    const { kernel } = await readKernelFileKeeping(gzipSync(elf), 'vmlinux.gz');
    expect(kernel?.elf).toEqual(elf);
  });

  it('modules, logs, scenarios and bad files keep nothing', async () => {
    const kept = async (bytes: Uint8Array, name: string) =>
      (await readKernelFileKeeping(bytes, name)).kernel;
    expect(await kept(readFixture('mini-alt.o'), 'mini-alt.o')).toBeUndefined();
    expect(await kept(readFixture('serial-6.12-excerpt.log'), 'serial.log')).toBeUndefined();
    expect(await kept(text('kernel 7.2\n'), 'a.alt')).toBeUndefined();
    expect(await kept(readFixture('mini-alt.elf').subarray(0, 2000), 'cut.elf')).toBeUndefined();
  });
});

describe.skipIf(!capturesPresent())('the worker on a real bare vmlinuz (Debian 7.2.13)', () => {
  it('keeps the 62 MB ELF it decompressed, with the passes’ tables', async () => {
    const bytes = new Uint8Array(readFileSync(`${CAPTURES}/debian-sid-7.2.13/vmlinuz`));
    const { kernel } = await readKernelFileKeeping(bytes, 'vmlinuz');
    if (!kernel) throw new Error('no kernel kept');
    expect([kernel.elf.length, [...kernel.elf.subarray(0, 4)]]).toEqual([
      62093508,
      [0x7f, 0x45, 0x4c, 0x46],
    ]);
    expect(bootKernelOf(kernel).ok).toBe(true);
  });

  it('decompresses it (zstd, wasm) and names every site from the image’s kallsyms', async () => {
    const bytes = new Uint8Array(readFileSync(`${CAPTURES}/debian-sid-7.2.13/vmlinuz`));
    const r = await readKernelFile(bytes, 'vmlinuz');
    if (!r.ok || !('table' in r)) throw new Error(JSON.stringify(r.diagnostics));
    expect([r.kind, r.release, r.table.sites.length]).toEqual([
      'bzimage',
      '7.2.13+deb14-cloud-amd64',
      6186,
    ]);
    expect(r.table.sites.filter((s) => !s.symbol)).toEqual([]);
    expect(r.table.sites[0]?.symbol).toBe('start_kernel+0x35/0x8a0');
    expect(r.table.symbols.map((s) => s.name).sort()).toEqual(['BUG_func', 'nop_func']);
  });
});
