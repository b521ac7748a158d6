import { describe, expect, it } from 'vitest';
import { runCli } from '../testing';

const SCENARIO = `kernel 7.2
site 0xffffffff81000000 f+0x0/0x10
orig 0f 01 d0
alt XSAVEOPT 0f ae f0
site 0xffffffff81000010 g+0x0/0x10
orig 90 90 90
alt ALWAYS 0f 0b 90
`;
const files = { 's.alt': SCENARIO };

describe('altscope patch with several CPUs', () => {
  it('groups each site by outcome in text', async () => {
    const r = await runCli(files, 'patch', 's.alt', '--features', 'XSAVEOPT', '--features', '');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'kernel 7.2, single-pass; 2 CPUs: XSAVEOPT | (none)',
        '',
        'site 0xffffffff81000000 f+0x0/0x10  len 3',
        '  XSAVEOPT:',
        '    0f ae f0                       mfence',
        '  (none):',
        '    0f 01 d0                       xgetbv',
        '',
        'site 0xffffffff81000010 g+0x0/0x10  len 3',
        '  XSAVEOPT, (none):',
        '    0f 0b 90                       ud2; nop',
        '',
        '1 of 2 sites differ between the CPUs',
        '',
      ].join('\n'),
    );
  });

  it('gives one ordinary report per set in JSON, each exactly the single-set JSON', async () => {
    const many = await runCli(
      files,
      'patch',
      's.alt',
      '--features',
      'XSAVEOPT',
      '--cpu',
      'qemu64',
      '--json',
    );
    const one = await runCli(files, 'patch', 's.alt', '--features', 'XSAVEOPT', '--json');
    const doc = JSON.parse(many.stdout) as { sets: { label: string; report: unknown }[] };
    expect(doc.sets.map((s) => s.label)).toEqual(['XSAVEOPT', 'qemu64']);
    expect(doc.sets[0]?.report).toEqual(JSON.parse(one.stdout));
    // One --features: the output is what it always was (no "sets" wrapper).
    expect(JSON.parse(one.stdout)).toHaveProperty('sites');
  });

  it('rejects an unknown preset', async () => {
    const r = await runCli(files, 'patch', 's.alt', '--cpu', 'pentium');
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: "--cpu must be one of qemu64, max, Skylake-Client, EPYC, not 'pentium'\n",
    });
  });
});

describe('altscope diff-kernels', () => {
  const B = SCENARIO.replace('0xffffffff81000010 g+0x0/0x10', '0xffffffff81000020 h+0x0/0x10');
  it('prints the issue JSON shape and exits 1 on a difference', async () => {
    const r = await runCli(
      { 'a.alt': SCENARIO, 'b.alt': B },
      'diff-kernels',
      'a.alt',
      'b.alt',
      '--json',
    );
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      sites: [
        {
          change: 'same',
          a: { addr: '0xffffffff81000000', symbol: 'f+0x0/0x10', final: '0f01d0' },
          b: { addr: '0xffffffff81000000', symbol: 'f+0x0/0x10', final: '0f01d0' },
        },
        {
          change: 'removed',
          a: { addr: '0xffffffff81000010', symbol: 'g+0x0/0x10', final: '0f0b90' },
          b: null,
        },
        {
          change: 'added',
          a: null,
          b: { addr: '0xffffffff81000020', symbol: 'h+0x0/0x10', final: '0f0b90' },
        },
      ],
    });
    const same = await runCli({ 'a.alt': SCENARIO }, 'diff-kernels', 'a.alt', 'a.alt');
    expect(same.status).toBe(0);
    expect(same.stdout).toBe(
      'A: kernel 7.2, 2 sites; B: kernel 7.2, 2 sites\nadded 0, removed 0, table 0, final 0, same 2\n\n',
    );
  });
});
