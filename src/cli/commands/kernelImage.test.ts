import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAPTURES, capturesPresent } from '../../binary/captures';
import { KERNEL_VERSIONS } from '../../core/model';
import { runMain } from '../main';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/binary/${name}`, import.meta.url));
const extra: Record<string, Uint8Array> = {};

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runMain(argv, {
    readFile: (p) => extra[p] ?? new Uint8Array(readFileSync(p)),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { status, stdout, stderr };
}

describe('altscope patch on files as distributions ship them', () => {
  it('reads a Debian .ko.xz directly, its profile from vermagic', async () => {
    const r = await run('patch', fixture('xt_rateest-7.3.ko.xz'), '--features', 'POPCNT', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kernel).toBe('7.3');
    expect(
      doc.sites.map((s: Record<string, string>) => [s.place, s.symbol, s.old, s.final]),
    ).toEqual([['.text+0x87', 'xt_rateest_mt_checkentry+0x27/0x100', 'e800000000', 'f30fb8c790']]);
  });

  it('binary input of no known format gets one line naming its magic, never its bytes', async () => {
    extra['x.bin'] = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0xff, 0x1b, 0x5b, 0x41]);
    const r = await run('patch', 'x.bin');
    expect([r.status, r.stderr]).toEqual([
      2,
      'x.bin: error: binary data of no known format (starts with 50 4b 03 04 00 ff 1b 5b); tried ' +
        'ELF (vmlinux, .o, .ko), bzImage, xz/zstd/gzip-compressed ELF, boot log, System.map, ' +
        'scenario (at byte offset 0)\n',
    ]);
  });

  it('reads the same module zstd-compressed (.ko.zst) exactly as the .ko.xz', async () => {
    const zst = await run(
      'patch',
      fixture('xt_rateest-7.3.ko.zst'),
      '--features',
      'POPCNT',
      '--json',
    );
    const xz = await run(
      'patch',
      fixture('xt_rateest-7.3.ko.xz'),
      '--features',
      'POPCNT',
      '--json',
    );
    expect(zst.status).toBe(0);
    expect(JSON.parse(zst.stdout).sites).toHaveLength(1);
    expect(zst.stdout).toBe(xz.stdout);
  });
});

const present = capturesPresent();
const hasProfile = (v: string) => (KERNEL_VERSIONS as readonly string[]).includes(v);

/**
 * A bare vmlinuz gives what the debug vmlinux gives: sites, bytes and names (kallsyms decoded
 * from the image vs .symtab), and the boot passes before the alternatives (both keep their
 * tables: 7.2's vmlinux-alt does not, its vmlinux-passes does).
 */
for (const k of [
  {
    dir: 'debian-bookworm-6.1.192',
    profile: '6.1',
    elf: 'vmlinux-alt.elf.xz',
    early: ['paravirt', 'returns'],
  },
  { dir: 'debian-sid-7.2.13', profile: '7.2', elf: 'vmlinux-passes.elf.xz', early: ['returns'] },
]) {
  describe.skipIf(!present || !hasProfile(k.profile))(`patch ${k.dir} vmlinuz`, () => {
    it('equals patch on its debug vmlinux (--json)', async () => {
      const features = ['--features', 'XSAVEOPT,POPCNT,8*32+16'];
      const z = await run('patch', `${CAPTURES}/${k.dir}/vmlinuz`, ...features, '--json');
      const e = await run('patch', `${CAPTURES}/${k.dir}/${k.elf}`, ...features, '--json');
      expect([z.status, z.stderr]).toEqual([0, '']);
      expect(e.status).toBe(0);
      const zs = JSON.parse(z.stdout);
      expect(zs.sites.length).toBeGreaterThan(3000);
      expect(zs.sites.filter((s: { symbol: string | null }) => !s.symbol)).toEqual([]);
      expect(z.stdout).toBe(e.stdout);
      // Every site starts from what the earlier passes left, and some were rewritten by them.
      expect(zs.sites.every((s: Record<string, unknown>) => 'beforeAlternatives' in s)).toBe(true);
      const early = new Set(zs.sites.flatMap((s: { writtenBy: string[] }) => s.writtenBy));
      expect([...early].sort()).toEqual(k.early);
      if (k.profile === '6.1') {
        // pv_queued_spin_unlock: paravirt's direct call, then ALT_NOT(PVUNLOCK)'s `movb $0,(%rdi)`.
        const s = zs.sites.find((x: { addr: string }) => x.addr === '0xffffffff81033d51');
        expect([s.symbol, s.old, s.beforeAlternatives, s.final]).toEqual([
          'oops_end+0x91/0xd0',
          'ff15e95da001',
          'e84aff030090',
          'c607000f1f00',
        ]);
      }
    });
  });
}
