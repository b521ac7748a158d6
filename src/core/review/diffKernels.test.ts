import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import { simulate } from '../patch/simulate';
import { createDecoder } from '../../disasm/node';
import { countChanges, diffKernels, functionOf, type DiffKernel } from './diffKernels';

const decoder = createDecoder();

function kernel(text: string, features: number[] = []): DiffKernel {
  const r = parseScenario(text, 'k');
  if (!r.table) throw new Error(r.diagnostics[0]?.message);
  const report = simulate(
    r.table,
    { kernel: r.table.kernel, loop: 'single-pass', features: new Set(features) },
    decoder,
  );
  return { table: r.table, results: report.sites };
}

describe('diffKernels', () => {
  // f: two sites (XSAVE, then LFENCE); g: one; h only in A; k only in B.
  const A = `kernel 7.2
site 0xffffffff81000000 f+0x0/0x40
orig 90 90 90
alt XSAVE 0f 01 d0
site 0xffffffff81000010 f+0x10/0x40
orig 90 90 90
alt LFENCE_RDTSC 0f ae e8
site 0xffffffff81000100 g+0x0/0x20
orig e8 00 00 00 00
alt ALWAYS 90 90 90 90 90
site 0xffffffff81000200 h.isra.0+0x4/0x20
orig 90 90 90
alt ALWAYS 0f 0b 90
`;
  // Everything moved by 0x1000 (g's call too); f's second site has another replacement.
  const B = `kernel 7.2
site 0xffffffff81001000 f+0x0/0x50
orig 90 90 90
alt XSAVE 0f 01 d0
site 0xffffffff81001020 f+0x20/0x50
orig 90 90 90
alt LFENCE_RDTSC 0f ae f0
site 0xffffffff81001100 g+0x0/0x20
orig e8 00 00 00 00
alt ALWAYS 90 90 90 90 90
site 0xffffffff81001300 k+0x0/0x10
orig 90 90 90
alt ALWAYS 0f 0b 90
`;

  it('matches by function and entry features across moved addresses, one kind per site', () => {
    const d = diffKernels(kernel(A), kernel(B), decoder);
    expect(d.map((x) => [x.change, x.a?.site.symbol ?? null, x.b?.site.symbol ?? null])).toEqual([
      ['same', 'f+0x0/0x40', 'f+0x0/0x50'],
      ['table', 'f+0x10/0x40', 'f+0x20/0x50'],
      ['same', 'g+0x0/0x20', 'g+0x0/0x20'],
      ['removed', 'h.isra.0+0x4/0x20', null],
      ['added', null, 'k+0x0/0x10'],
    ]);
    expect(countChanges(d)).toEqual({ added: 1, removed: 1, table: 1, final: 0, same: 2 });
  });

  it('calls a site "final" when the same table patches differently (a feature on one side)', () => {
    const xsave = 4 * 32 + 26;
    const d = diffKernels(kernel(A, [xsave]), kernel(B), decoder);
    expect(d[0]?.change).toBe('final');
  });

  it('pairs a site whose features changed with its old self, as a table change', () => {
    const B2 = B.replace('alt XSAVE 0f 01 d0', 'alt XSAVEOPT 0f 01 d0');
    const d = diffKernels(kernel(A), kernel(B2), decoder);
    expect(d[0]).toMatchObject({ change: 'table' });
    expect(d[0]?.a?.site.symbol).toBe('f+0x0/0x40');
    expect(d[0]?.b?.site.symbol).toBe('f+0x0/0x50');
  });

  it('drops gcc clone suffixes from function names', () => {
    const site = { symbol: 'foo.constprop.0.isra.0+0x4/0x10', addr: 0n } as never;
    expect(functionOf(site)).toBe('foo');
  });
});
