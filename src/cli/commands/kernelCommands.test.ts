import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDebugLog } from '../../binary/bootlog/export';
import { CAPTURE_KERNELS, capturesPresent, readCaptureXz } from '../../binary/captures';
import { runMain } from '../main';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/binary/${name}`, import.meta.url));
const extra: Record<string, string | Uint8Array> = {};

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runMain(argv, {
    readFile: (p) => {
      const e = extra[p];
      if (typeof e === 'string') return new TextEncoder().encode(e);
      return e ?? new Uint8Array(readFileSync(p));
    },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { status, stdout, stderr };
}

describe('altscope patch on kernel inputs (detected by content)', () => {
  it('reads a .o, a linked ELF and a boot log', async () => {
    const o = await run('patch', fixture('mini-alt.o'), '--features', 'XSAVEOPT', '--json');
    expect(o.status).toBe(0);
    const doc = JSON.parse(o.stdout);
    expect(
      doc.sites.map((s: { place: string; symbol: string; old: string; final: string }) => [
        s.place,
        s.symbol,
        s.old,
        s.final,
      ]),
    ).toEqual([
      ['.text+0x30', 'site_lfence+0x0/0x10', '909090', '0f1f00'],
      ['.text+0x40', 'site_xsave+0x0/0x10', '480fae27', '480fae37'],
      ['.text+0x50', 'site_not+0x0/0x10', '9c58909090', 'e8bbffffff'],
      ['.text+0x60', 'site_pv+0x0/0x20', 'ff1522000000', '9c580f1f4000'],
    ]);
    const text = await run('patch', fixture('mini-alt.o'));
    expect(text.stdout).toContain(
      'site .text+0x30 (0xffffffffc0000030) site_lfence+0x0/0x10  len 3',
    );
    const elf = JSON.parse(
      (await run('patch', fixture('mini-alt.elf'), '--features', '8*32+16', '--json')).stdout,
    );
    // XENPV on: the NOT entry is out, the DIRECT_CALL entry calls pv_ops[1] = native_save_fl.
    expect(elf.sites[3].final).toBe(
      'e8ab9fffff90'.replace('ab9fffff', hexRel(0x401070n + 5n, 0x401020n)),
    );
    const log = JSON.parse(
      (await run('patch', fixture('serial-6.12-excerpt.log'), '--json')).stdout,
    );
    expect(log.kernel).toBe('6.12');
    expect(log.sites.map((s: { final: string }) => s.final)).toEqual([
      'fa0f1f440000',
      '9c580f1f4000',
      'e8f2c598fe90',
    ]);
  });

  it('names bzImage-like stripped sites through --system-map and reports bad maps with line numbers', async () => {
    extra['bad.map'] = 'ffffffff81000000 T _text\nnot a map line\n';
    const r = await run('scenario', fixture('mini-alt.elf'), '--system-map', 'bad.map');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    extra['empty.map'] = 'garbage\n';
    const bad = await run('patch', fixture('mini-alt.elf'), '--system-map', 'empty.map');
    expect(bad).toEqual({
      status: 2,
      stdout: '',
      stderr: 'empty.map:1:1: error: expected "<address> <type> <name>", got "garbage"\n',
    });
  });

  it('reports a truncated ELF with its byte offset', async () => {
    extra['trunc.elf'] = new TextDecoder('latin1').decode(
      readFileSync(fixture('mini-alt.elf')).subarray(0, 3000),
    );
    const r = await run('patch', 'trunc.elf');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^trunc\.elf: error: section header table \(10 headers at offset \d+\) is past the end of the file \(size \d+\) \(at byte offset \d+\)\n$/,
    );
  });
});

describe('altscope check-log', () => {
  it('exit 0 and a summary when the log agrees', async () => {
    const r = await run('check-log', fixture('serial-7.2-excerpt.log'));
    expect(r).toEqual({
      status: 0,
      stderr: '',
      stdout:
        'alt table ffffffff83d779c0 (line 4), 7.2 single-pass: 6 sites checked, 0 disagree\n' +
        '  features on:  (none)\n  features off: 8*32+16\nno disagreement\n',
    });
  });

  it('exit 1 and each disagreeing site with its log line', async () => {
    extra['bad.log'] = readFileSync(fixture('serial-7.2-excerpt.log'), 'utf8').replace(
      '[1:6) optimized NOPs: fa 0f 1f 44 00 00',
      '[1:6) optimized NOPs: fa 0f 1f 40 00 00',
    );
    const r = await run('check-log', 'bad.log');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'bad.log:9: ffffffff83991aa5 start_kernel+0x35/0x8a0\n    log:      fa 0f 1f 40 00 00\n    altscope: fa 0f 1f 44 00 00\n',
    );
    expect(r.stdout.endsWith('1 site(s) disagree\n')).toBe(true);
  });

  it('--elf: a log that stops at a site compares up to it; the sites after were never reached', async () => {
    const exported = await run(
      'export-log',
      fixture('mini-alt.elf'),
      '--features',
      'XSAVEOPT,XENPV',
    );
    // The console ends right after site_xsave's feat: line, where altscope does not BUG.
    extra['cut.log'] = exported.stdout.split('\n').slice(0, 3).join('\n');
    const r = await run('check-log', 'cut.log', '--elf', fixture('mini-alt.elf'));
    expect(r).toEqual({
      status: 1,
      stderr: '',
      stdout: [
        'alt table 402033 (line 1), 7.2 single-pass: 2 sites checked, 1 disagree, 2 not reached (the log stops before them)',
        '  features on:  10*32+0',
        '  features off: 10*32+3 20*32+2',
        'cut.log:3: 401050 site_xsave+0x0/0x10',
        '    the log stops at line 3 (no final_insn after the feat: line); altscope does not BUG there',
        '    log:      48 0f ae 27',
        '    altscope: 48 0f ae 37',
        '1 site(s) disagree',
        '',
      ].join('\n'),
    });
  });

  it('--elf with a log of another kernel is a clear error', async () => {
    const r = await run(
      'check-log',
      fixture('serial-7.2-excerpt.log'),
      '--elf',
      fixture('mini-alt.elf'),
    );
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: `${fixture('serial-7.2-excerpt.log')}: error: the log has no "alt table 402033" line for this image's .altinstructions\n`,
    });
  });
});

describe('altscope export-log and scenario', () => {
  it('export-log of a log reproduces its DA_ALT lines', async () => {
    const r = await run('export-log', fixture('serial-6.12-excerpt.log'));
    const want = extractDebugLog(readFileSync(fixture('serial-6.12-excerpt.log'), 'utf8'));
    expect(want).toHaveLength(23);
    expect(r.stdout).toBe(want.join('\n') + '\n');
  });

  it('scenario --sites selects by glob and address; unknown patterns are an error', async () => {
    const r = await run('scenario', fixture('mini-alt.elf'), '--sites', 'site_x*,0x401070');
    const doc = JSON.parse(r.stdout);
    expect(doc.sites.map((s: { symbol: string }) => s.symbol)).toEqual([
      'site_xsave+0x0/0x10',
      'site_pv+0x0/0xf90',
    ]);
    expect(doc.memory).toEqual([{ addr: '0x4030a8', bytes: '2010400000000000' }]);
    const none = await run('scenario', fixture('mini-alt.elf'), '--sites', 'nosuch*');
    expect(none).toEqual({
      status: 2,
      stdout: '',
      stderr: "altscope scenario: no site matches 'nosuch*'\n",
    });
  });
});

describe.skipIf(!capturesPresent())('altscope check-log --elf on the real 7.2 boot', () => {
  it('exit 0: every one of the 6186 sites agrees', async () => {
    const k = CAPTURE_KERNELS[1];
    extra['real.log'] = readCaptureXz(k, 'qemu64/serial.log.xz');
    extra['real.elf'] = readCaptureXz(k, 'vmlinux-alt.elf.xz');
    const r = await run('check-log', 'real.log', '--elf', 'real.elf', '--json');
    expect([r.status, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout);
    expect([doc.disagreements, doc.tables[0].checked, doc.tables[0].lineDifferences]).toEqual([
      0,
      6186,
      [],
    ]);
  });
});

/** `e8` rel32 (little-endian hex) from the end of a call at `next` to `target`. */
function hexRel(next: bigint, target: bigint): string {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, Number(BigInt.asIntN(32, target - next)), true);
  return Buffer.from(b).toString('hex');
}
