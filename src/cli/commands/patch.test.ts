import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../examples';
import { getCatalogue, simulate } from '../../core';
import { parseScenario } from '../../core/scenario';

import { createDecoder } from '../../disasm/node';
import { formatPatchJson } from '../patchJson';
import { runCli } from '../testing';

const XENPV = getCatalogue('6.12').byName.get('XENPV')!.index;

const files: Record<string, string> = {
  'default.alt': defaultScenario,
  'bad.alt': 'kernel 7.2\nsite 0xffffffff81001000\n  orig 49 0f zz\n  alt NOSUCH 90\n',
  'cpu.txt': 'XSAVEOPT\n# comment\nXSAVEC BOGUS\n',
  cpuinfo: 'processor\t: 0\nflags\t\t: fpu xsave xsaveopt xsavec\nbugs\t\t: spectre_v1\n',
};

const run = (...argv: string[]) => runCli(files, ...argv);

describe('altscope patch', () => {
  it('prints the JSON report of issue 2 §4', async () => {
    const r = await run('patch', 'default.alt', '--features', 'XSAVEOPT, xsavec', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kernel).toBe('7.2');
    expect(doc.engine).toBe('single-pass');
    expect(doc.sites[0]).toMatchObject({
      addr: '0xffffffff81283cd3',
      symbol: 'save_fpregs_to_fpstate+0x43/0xa0',
      len: 6,
      selected: 1,
      old: '490fae642440',
      final: '490fc7642440',
      entries: [
        { feature: '10*32+0', name: 'XSAVEOPT', flags: [], eligible: true },
        { feature: '10*32+1', name: 'XSAVEC', flags: [], eligible: true },
        { feature: '10*32+3', name: 'XSAVES', flags: [], eligible: false },
      ],
    });
    expect(doc.sites[1].entries[0].flags).toEqual(['DIRECT_CALL']);
    expect(doc.sites[1].entries[1].flags).toEqual(['NOT']);
  });

  it('reads features from @FILE and cpuinfo, and reports the kernel BUG with exit 1', async () => {
    const bad = await run('patch', 'default.alt', '--features', '@cpu.txt');
    expect(bad).toEqual({
      status: 2,
      stdout: '',
      stderr: 'cpu.txt:3:8: error: unknown feature "BOGUS"\n',
    });
    const r = await run(
      'patch',
      'default.alt',
      '--cpuinfo',
      'cpuinfo',
      '--features',
      'XENPV',
      '--kernel',
      '6.12',
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'kernel 6.12, multi-pass; features: FPU XSAVE XENPV XSAVEOPT XSAVEC SPECTRE_V1',
    );
    expect(r.stdout).toContain('  final    49 0f c7 64 24 40              xsavec64 0x40(%r12)');
    expect(r.stdout).toContain(
      '  error kernel-bug-direct-call-original: ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
    );
    const fixed = await run(
      'patch',
      'default.alt',
      '--features',
      'XENPV',
      '--kernel',
      '6.12',
      '--engine',
      'single-pass',
      '--json',
    );
    expect(fixed.status).toBe(0);
    expect(JSON.parse(fixed.stdout).sites[2].final).toBe('e81b1b200090');
  });

  it('streams --json site by site: the same document as the collected report, BUG exit 1', async () => {
    // The ordering bug: 6.12's multi-pass loop BUGs on the DIRECT_CALL site under XENPV.
    const table = parseScenario(defaultScenario).table!;
    const features = new Set([...table.features, XENPV]);
    const report = simulate(
      table,
      { kernel: '6.12', loop: 'multi-pass', features },
      createDecoder(),
    );
    const r = await run(
      'patch',
      'default.alt',
      '--features',
      'XENPV',
      '--kernel',
      '6.12',
      '--json',
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(formatPatchJson(report, table));
    expect(JSON.parse(r.stdout).sites[2].diagnostics[0].code).toBe(
      'kernel-bug-direct-call-original',
    );
    const none = await runCli(
      { 'empty.json': '{"format":"altscope-scenario","version":1,"kernel":"7.2","sites":[]}' },
      'patch',
      'empty.json',
      '--json',
    );
    expect(none.stdout).toBe(
      '{\n  "kernel": "7.2",\n  "engine": "single-pass",\n  "sites": [],\n  "diagnostics": []\n}\n',
    );
  });

  it('bad input: exit 2, file:line:column on stderr, nothing on stdout', async () => {
    expect(await run('patch', 'bad.alt')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "bad.alt:3:14: error: expected hex bytes, found 'zz'\n" +
        "bad.alt:4:7: error: unknown feature 'NOSUCH' for kernel 7.2 (expected a name such as XSAVEOPT, X86_FEATURE_XSAVEOPT or xsaveopt, or W*32+B)\n",
    });
    expect(await run('patch', 'missing.alt')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'altscope: cannot read missing.alt: ENOENT: no such file\n',
    });
    const usage = await run('patch', 'default.alt', '--kernel', '6.6');
    expect(usage).toEqual({
      status: 2,
      stdout: '',
      stderr: "altscope patch: --kernel must be 6.1 or 6.12 or 7.2 or 7.3, not '6.6'\n",
    });
    const unknown = await run('patch', 'default.alt', '--frob');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("altscope patch: unknown option '--frob'");
  });

  it('prints help', async () => {
    const main = await run('--help');
    expect(main.status).toBe(0);
    expect(main.stdout).toContain('  patch      simulate a scenario on a CPU');
    const sub = await run('patch', '--help');
    expect(sub.stdout.split('\n')[0]).toBe(
      'usage: altscope patch <input> [--features LIST|@FILE]… [--cpuinfo FILE]… [--cpu PRESET]…',
    );
    expect((await run('frob')).status).toBe(2);
  });
});

describe('bin/altscope.mjs', () => {
  it('runs the TypeScript CLI as a process', () => {
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'altscope.mjs');
    const input = join(
      import.meta.dirname,
      '..',
      '..',
      '..',
      'fixtures',
      'examples',
      'xstate-xsave',
      '7.2-single-pass-none.json',
    );
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.split('\n')[0]).toBe(
      'usage: altscope <command> [options]   (altscope <command> --help for details)',
    );
    // A golden report is JSON but not a scenario: the JSON parser's error, exit 2.
    const r = spawnSync(process.execPath, [bin, 'patch', input], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^.*7\.2-single-pass-none\.json:\d+:\d+: error: /);
  });
});
