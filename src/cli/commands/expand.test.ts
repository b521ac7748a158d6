import { describe, expect, it } from 'vitest';
import { runCli } from '../testing';

const MACRO = 'ALTERNATIVE_2 "", "lfence", 9*32+20, "mfence; lfence", 11*32+12';

const entries = (stdout: string) =>
  (JSON.parse(stdout) as { sites: { bytes: string; entries: unknown[] }[] }).sites[0]!;

describe('altscope expand', () => {
  it('prints the nested layout (7.2) as a v1 scenario', async () => {
    const r = await runCli({}, 'expand', '--at', '0xffffffff81001000', MACRO);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      format: 'altscope-scenario',
      version: 1,
      kernel: '7.2',
      symbols: [],
      memory: [],
      sites: [
        {
          addr: '0xffffffff81001000',
          bytes: '909090909090',
          entries: [
            {
              feature: '9*32+20',
              flags: [],
              instrlen: 3,
              repl_addr: '0xffffffff82800000',
              repl: '0faee8',
            },
            {
              feature: '11*32+12',
              flags: [],
              instrlen: 6,
              repl_addr: '0xffffffff82800003',
              repl: '0faef00faee8',
            },
          ],
        },
      ],
    });
  });

  it('6.1 lays the same macro out flat: one instrlen', async () => {
    const r = await runCli({}, 'expand', '--kernel', '6.1', '--repl-at', 'ffffffff83000000', MACRO);
    expect(entries(r.stdout)).toEqual({
      addr: '0xffffffff81000000',
      bytes: '909090909090',
      entries: [
        {
          feature: '9*32+20',
          flags: [],
          instrlen: 6,
          repl_addr: '0xffffffff83000000',
          repl: '0faee8',
        },
        {
          feature: '11*32+12',
          flags: [],
          instrlen: 6,
          repl_addr: '0xffffffff83000003',
          repl: '0faef00faee8',
        },
      ],
    });
  });

  it('ALT_CALL_INSTR with --symbol BUG_func, flags as names', async () => {
    const r = await runCli(
      {},
      'expand',
      '--symbol',
      'BUG_func=0xffffffff81400000',
      'ALTERNATIVE_2 "call *0x40(%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS, "mov %cr2, %rax", ALT_NOT(X86_FEATURE_XENPV)',
    );
    const doc = JSON.parse(r.stdout);
    expect(doc.symbols).toEqual([{ name: 'BUG_func', addr: '0xffffffff81400000' }]);
    expect(
      doc.sites[0].entries.map((e: { flags: string[]; repl: string }) => [e.flags, e.repl]),
    ).toEqual([
      [['DIRECT_CALL'], 'e8fbffbffe'],
      [['NOT'], '0f20d0'],
    ]);
  });

  it.each([
    [
      ['expand', 'ALTERNATIVE "lfence"'],
      "altscope expand: 1:21: expected ',' and 2 more arguments of ALTERNATIVE\n",
    ],
    [
      ['expand', 'ALTERNATIVE "", ALT_CALL_INSTR, 3*32+1'],
      "altscope expand: 1:17: replacement 1: unknown symbol 'BUG_func'\n",
    ],
    [
      ['expand', '--kernel', '5.10', MACRO],
      "altscope expand: unknown kernel '5.10' (expected 6.1, 6.12, 7.2, 7.3)\n",
    ],
    [
      ['expand', '--at', 'nowhere', MACRO],
      'altscope expand: --at and --repl-at take a hex address (0xffffffff81000000)\n',
    ],
  ])('bad input: %j', async (argv, stderr) => {
    const r = await runCli({}, ...argv);
    expect(r).toEqual({ status: 2, stdout: '', stderr });
  });
});
