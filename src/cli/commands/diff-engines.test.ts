import { describe, expect, it } from 'vitest';
import { orderingBug } from '../../examples/orderingBug';
import { xstateXsave } from '../../examples/xstateXsave';
import type { CliIo } from '../io';
import { runDiffEngines } from './diff-engines';

function memoryIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return new TextEncoder().encode(files[p]);
    },
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('altscope diff-engines', () => {
  it('prints the ordering-bug site in the exact JSON contract and exits 1', async () => {
    const m = memoryIo({ 'ob.txt': orderingBug.text });
    expect(await runDiffEngines(['ob.txt', '--features', 'XENPV', '--json'], m.io)).toBe(1);
    expect(JSON.parse(m.out())).toEqual({
      sites: [
        {
          addr: '0xffffffff81001010',
          symbol: 'xen_direct_call_outer',
          single: { final: 'e81b1b200090', diagnostics: [] },
          multi: {
            final: '0f20d00f1f00',
            diagnostics: [
              {
                severity: 'error',
                code: 'kernel-bug-direct-call-original',
                message: 'ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
              },
            ],
            writes: [{ entry: 0, kind: 'apply', before: 'ff152af09f01', after: '0f20d00f1f00' }],
          },
        },
      ],
    });
  });

  it('names the cause in text and exits 0 when the loops agree', async () => {
    const m = memoryIo({ 'ob.txt': orderingBug.text });
    expect(await runDiffEngines(['ob.txt', '--features', 'XENPV'], m.io)).toBe(1);
    expect(m.out()).toContain(
      '  direct-call-order: entry #0 wrote first: DIRECT_CALL entry #1 (XENPV) needed the original call *disp(%rip) (ff 15 2a f0 9f 01) but found 0f 20 d0 0f 1f 00\n',
    );
    const native = memoryIo({ 'ob.txt': orderingBug.text });
    expect(await runDiffEngines(['ob.txt', '--json'], native.io)).toBe(0);
    expect(native.out()).toBe('{"sites":[]}\n');
  });

  it('lists intermediate-only sites separately without failing', async () => {
    const m = memoryIo({ 'x.txt': xstateXsave.text });
    expect(await runDiffEngines(['x.txt', '--features', 'XSAVEOPT,XSAVEC'], m.io)).toBe(0);
    expect(m.out()).toMatch(
      /^0 sites differ between single-pass and multi-pass \(7\.2 profile\)\n/,
    );
    expect(m.out()).toContain('1 more site end equal, but multi-pass made other bytes live first');
    expect(m.out()).toContain(': 490fae742440 → 490fc7642440\n');
  });

  it('rejects bad usage with exit 2 and nothing on stdout', async () => {
    const m = memoryIo({});
    expect(await runDiffEngines(['missing.txt'], m.io)).toBe(2);
    expect(m.err()).toBe('altscope diff-engines: cannot read missing.txt: ENOENT: missing.txt\n');
    const e = memoryIo({ 'ob.txt': orderingBug.text });
    expect(await runDiffEngines(['ob.txt', '--engine', 'multi-pass'], e.io)).toBe(2);
    expect(e.out()).toBe('');
  });
});
