import { describe, expect, it } from 'vitest';
import {
  CAPTURE_KERNELS,
  capturesPresent,
  readCaptureText,
  readCaptureXz,
} from '../../binary/captures';
import type { CliIo } from '../io';
import { runLint } from './lint';

function memoryIo(files: Record<string, string | Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw new Error(`ENOENT: ${p}`);
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const scenario = JSON.stringify({
  format: 'altscope-scenario',
  version: 1,
  kernel: '7.2',
  sites: [
    {
      addr: '0xffffffff81283cd3',
      symbol: 'save_fpregs_to_fpstate+0x43/0xa0',
      bytes: '490fae642440',
      entries: [
        { feature: 'XSAVEOPT', repl_addr: '0xffffffff82800000', repl: '490fc76c2440' },
        { feature: 'XSAVES', repl_addr: '0xffffffff82800006', repl: '490fc76c2440' },
      ],
    },
  ],
});

describe('altscope lint', () => {
  it('prints findings as JSON with counts and exits 1', async () => {
    const m = memoryIo({ 's.json': scenario });
    expect(await runLint(['s.json', '--json'], m.io)).toBe(1);
    expect(JSON.parse(m.out())).toEqual({
      findings: [
        {
          code: 'cpuid-mismatch',
          severity: 'warning',
          addr: '0xffffffff81283cd3',
          symbol: 'save_fpregs_to_fpstate+0x43/0xa0',
          entry: 0,
          message:
            'entry #0 (XSAVEOPT): `xsaves64 0x40(%r12)` at +0 needs XSAVES, not implied by XSAVEOPT',
        },
      ],
      counts: { 'cpuid-mismatch': 1 },
    });
  });

  it('explains each code found in text mode', async () => {
    const m = memoryIo({ 's.json': scenario });
    await runLint(['s.json'], m.io);
    expect(m.out().split('\n').slice(0, 3)).toEqual([
      '0xffffffff81283cd3 <save_fpregs_to_fpstate+0x43/0xa0>: warning: cpuid-mismatch: entry #0 (XSAVEOPT): `xsaves64 0x40(%r12)` at +0 needs XSAVES, not implied by XSAVEOPT',
      '',
      'cpuid-mismatch: 1 — replacement needs a CPU feature its entry does not guarantee',
    ]);
  });

  it('reports a bad scenario with its location and exit 2', async () => {
    const m = memoryIo({ 'bad.txt': 'kernel 7.2\nsite zzz\n' });
    expect(await runLint(['bad.txt'], m.io)).toBe(2);
    expect(m.err()).toMatch(/^altscope lint: bad\.txt:2:\d+: error: /);
    expect(m.out()).toBe('');
  });
});

// The findings on the two real kernels, each checked by hand (docs/lints.md).
describe.skipIf(!capturesPresent())('altscope lint on the captured kernels', () => {
  const expected: Record<string, string> = {
    'debian-trixie-6.12.117': 'entry_ibpb',
    'debian-sid-7.2.13': 'write_ibpb',
  };
  it.each(CAPTURE_KERNELS)(
    '%s: only the deliberately disabled FILL_RETURN_BUFFER entries',
    async (k) => {
      const m = memoryIo({
        'scenario.json': readCaptureXz(k, 'qemu64/scenario.json.xz'),
        'vmlinux.elf': readCaptureXz(k, 'vmlinux-alt.elf.xz'),
        'features.txt': readCaptureText(k, 'qemu64/features.txt'),
      });
      const code = await runLint(
        ['scenario.json', '--features', '@features.txt', '--sections', 'vmlinux.elf', '--json'],
        m.io,
      );
      const found = JSON.parse(m.out()) as {
        findings: { symbol: string; code: string; severity: string }[];
      };
      expect(found.findings.map((f) => [f.code, f.severity, f.symbol.split('+')[0]])).toEqual([
        ['never-wins', 'info', expected[k]],
        ['never-wins', 'info', '__switch_to_asm'],
      ]);
      expect(code).toBe(0);
    },
  );
});
