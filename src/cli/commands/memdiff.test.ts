import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAPTURES, capturesPresent, readCaptureText, readCaptureXz } from '../../binary/captures';
import { runCli } from '../testing';

const K = 'debian-sid-7.2.13' as const;
const PASS_LINE =
  /^SMP alternatives: (retpoline at|return thunk at|ENDBR at|[0-9a-f]{16}: (orig|repl)):/;
const files: Record<string, Uint8Array> = {};

const run = (...argv: string[]) => runCli(files, ...argv);

describe('altscope memdiff: usage errors', () => {
  it('rejects unknown passes and modes with exit 2 before reading anything', async () => {
    files['x.elf'] = new Uint8Array([1, 2, 3]);
    expect(await run('memdiff', 'x.elf', '--preempt', 'sometimes')).toEqual({
      status: 2,
      stdout: '',
      stderr: "altscope memdiff: --preempt must be none, voluntary, full, lazy, not 'sometimes'\n",
    });
    expect((await run('memdiff', 'x.elf', '--cpus', '0')).stderr).toBe(
      "altscope memdiff: --cpus must be a positive number, not '0'\n",
    );
    expect((await run('memdiff')).status).toBe(2);
    files['notes.txt'] = new TextEncoder().encode('hello\n');
    expect(await run('memdiff', 'notes.txt')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'notes.txt: error: not a vmlinux (ELF) or vmlinuz (bzImage): memdiff needs a kernel image\n',
    });
    expect((await run('memdiff', 'missing.elf')).stderr).toBe(
      'altscope: cannot read missing.elf: ENOENT: no such file\n',
    );
  });
});

describe.skipIf(!capturesPresent())(
  'altscope memdiff / patch / check-log on the 7.2 passes ELF',
  () => {
    const features = () => readCaptureText(K, 'qemu64/features.txt').trim().split('\n').join(',');
    const load = () => {
      files['vmlinux'] ??= readCaptureXz(K, 'vmlinux-passes.elf.xz');
    };

    it('memdiff --passes ftrace: one 5-byte NOP per __mcount_loc entry', async () => {
      load();
      const r = await run('memdiff', 'vmlinux', '--features', features(), '--passes', 'ftrace');
      expect([r.status, r.stderr]).toEqual([0, '']);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe(
        '# memdiff: VA HEXBYTES where the memory dump differs from the ELF file',
      );
      expect(lines[1]).toBe('ffffffff81200014 0f1f4400');
      const runs = lines.filter((l) => !l.startsWith('#'));
      const bytes = runs.reduce((n, l) => n + (l.split(' ')[1] as string).length / 2, 0);
      // real-kernel-notes.md attributes exactly 228,400 changed bytes to ftrace; bytes of a
      // `call __fentry__` that already equal the NOP's do not differ, so some runs split.
      expect([runs.length, bytes]).toEqual([46_469, 228_400]);

      expect(lines.at(-1)).toBe('# pass ftrace: 46295 records, 46295 rewrites');
      const bad = await run('memdiff', 'vmlinux', '--passes', 'ftrace,paravirt');
      expect(bad.stderr).toMatch(
        /^altscope memdiff: unknown pass 'paravirt' \(this kernel: jump-labels, /,
      );
    });

    it('patch --json: each site says what it held before alternatives and who wrote it', async () => {
      load();
      const r = await run('patch', 'vmlinux', '--features', features(), '--json');
      expect(r.status).toBe(0);
      const sites = JSON.parse(r.stdout).sites as {
        symbol: string;
        old: string;
        beforeAlternatives: string;
        final: string;
        writtenBy: string[];
      }[];
      const touched = sites.filter((s) => s.writtenBy.length > 0);
      expect(touched.length).toBe(18);
      expect(new Set(touched.map((s) => s.writtenBy.join()))).toEqual(new Set(['returns']));
      // The return thunk's `jmp` ends these sites (`__x86_indirect_thunk_*`, ftrace returns).
      expect(touched.filter((s) => !s.beforeAlternatives.endsWith('c3cccccccc'))).toEqual([]);
      expect(touched.filter((s) => s.old.endsWith('c3cccccccc'))).toEqual([]);
      const expected = JSON.parse(
        new TextDecoder().decode(readCaptureXz(K, 'qemu64/expected.json.xz')),
      ) as Record<string, { final: string }>;
      const addrs = JSON.parse(r.stdout).sites.map((s: { addr: string }) => s.addr) as string[];
      expect(addrs.filter((a, i) => expected[a]?.final !== sites[i]?.final)).toEqual([]);
    });

    it('check-log --elf: every retpoline, return thunk and ENDBR line agrees', async () => {
      load();
      files['serial.log'] = readCaptureXz(K, 'qemu64/serial.log.xz');
      const r = await run('check-log', 'serial.log', '--elf', 'vmlinux', '--json');
      expect([r.status, r.stderr]).toEqual([0, '']);
      const doc = JSON.parse(r.stdout);
      expect(doc.passes).toEqual({
        checked: { retpoline: 9288, 'return thunk': 62602, ENDBR: 13584 },
        notLogged: { retpoline: 0, 'return thunk': 0, ENDBR: 0 },
        disagreements: [],
      });
    });

    it('export-log: the retpoline, return thunk and ENDBR lines of the real log, in its order', async () => {
      load();
      const r = await run('export-log', 'vmlinux', '--features', features());
      expect(r.status).toBe(0);
      const pick = (t: string) =>
        t
          .split('\n')
          .map((l) => l.replace(/^\[[^\]]*\] /, '').replace(/\r$/, ''))
          .filter((l) => PASS_LINE.test(l));
      const ours = pick(r.stdout);
      const real = pick(new TextDecoder().decode(readCaptureXz(K, 'qemu64/serial.log.xz')));
      expect(ours.length).toBe(real.length);
      expect(real.length).toBe(237_846);
      // %pS sizes of the last symbols of a section differ (kallsyms' next symbol lies elsewhere).
      const differ = real.flatMap((l, i) => (l === ours[i] ? [] : [[l, ours[i]]]));
      expect(differ.map(([l]) => l!.replace(/\/0x[0-9a-f]+ /, ' '))).toEqual(
        differ.map(([, o]) => o!.replace(/\/0x[0-9a-f]+ /, ' ')),
      );
      expect(differ.length).toBe(3);
    });
  },
);

describe.skipIf(!capturesPresent())('altscope memdiff on 6.1 (paravirt first)', () => {
  const K61 = 'debian-bookworm-6.1.192' as const;
  const features = () => readCaptureText(K61, 'qemu64/features.txt').trim().split('\n').join(',');

  it('the .elf.xz as shipped and the bare vmlinuz give the same memdiff, 99.98 % of the capture', async () => {
    files['v61.elf.xz'] ??= new Uint8Array(readFileSync(`${CAPTURES}/${K61}/vmlinux-alt.elf.xz`));
    files['v61.vmlinuz'] ??= new Uint8Array(readFileSync(`${CAPTURES}/${K61}/vmlinuz`));
    files['memdiff.txt.xz'] ??= new Uint8Array(
      readFileSync(`${CAPTURES}/${K61}/qemu64/memdiff.txt.xz`),
    );
    const elf = await run('memdiff', 'v61.elf.xz', '--features', features());
    const z = await run('memdiff', 'v61.vmlinuz', '--features', features());
    expect([elf.status, elf.stderr, z.status, z.stderr]).toEqual([0, '', 0, '']);
    expect(z.stdout).toBe(elf.stdout);
    const cmp = await run(
      'memdiff',
      'v61.vmlinuz',
      '--features',
      features(),
      '--compare',
      'memdiff.txt.xz',
    );
    expect(cmp.stderr).toBe('');
    expect(cmp.stdout.split('\n')[0]).toBe(
      '466993 of 467076 changed bytes exact (99.982 %); 83 differ in 37 runs; 0 bytes written that the boot left, in 0 runs',
    );
    // What is left is all jump labels the running kernel switched after the passes.
    const causes = cmp.stdout.split('\n').filter((l) => /^#\s+\d/.test(l));
    expect(causes.every((l) => l.includes('jump label switched later'))).toBe(true);
  }, 120_000);
});

describe.skipIf(!capturesPresent())('altscope memdiff on the bare 7.2 vmlinuz', () => {
  it('kallsyms finds every table (runtime_ptr_* included): 99.24 %, no --tables or --system-map', async () => {
    files['v72.vmlinuz'] ??= new Uint8Array(readFileSync(`${CAPTURES}/${K}/vmlinuz`));
    files['memdiff72.txt.xz'] ??= new Uint8Array(
      readFileSync(`${CAPTURES}/${K}/qemu64/memdiff.txt.xz`),
    );
    const features = readCaptureText(K, 'qemu64/features.txt').trim().split('\n').join(',');
    const r = await run(
      'memdiff',
      'v72.vmlinuz',
      '--features',
      features,
      '--compare',
      'memdiff72.txt.xz',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(
      '682353 of 687597 changed bytes exact (99.237 %); 5244 differ in 1655 runs; 1859 bytes written that the boot left, in 1807 runs',
    );
  }, 120_000);
});
