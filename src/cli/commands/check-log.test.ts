/**
 * check-log on a boot that BUG()ed: the log ends at the entry the kernel died on; that site is
 * read, re-simulated and the BUG reported as reproduced (agreement), or as a disagreement when
 * altscope gets through it.
 */
import { describe, expect, it } from 'vitest';
import { findExample } from '../../examples';
import { runCli } from '../testing';

const scenario = findExample('ordering-bug')!.text;

async function exportedLog(): Promise<string> {
  const r = await runCli(
    { 'bug.alt': scenario },
    'export-log',
    'bug.alt',
    '--features',
    'XENPV',
    '--engine',
    'multi-pass',
  );
  expect(r.stderr).toBe('');
  return r.stdout;
}

const FEAT_1 =
  'SMP alternatives: feat: 8*32+16, old: (xen_direct_call_outer (ffffffff81001010) len: 6), repl: (ffffffff8280000b, len: 5) flags: 0x2';
const BUG_LINE = 'SMP alternatives: ALT_FLAG_DIRECT_CALL set for unrecognized indirect call';
const ASSUMED =
  "bug.log:6:1: info: site ffffffff81001010: the log stops before this entry's dumps; its replacement is taken as call BUG_func (ALT_CALL_INSTR)\n";

describe('check-log on a multi-pass ordering-bug boot that BUG()ed', () => {
  it('the exported log ends at the BUG', async () => {
    const log = (await exportedLog()).trimEnd().split('\n');
    expect(log.slice(-2)).toEqual([FEAT_1, BUG_LINE]);
  });

  it('checks the site the kernel died on: 1 site, the BUG reproduced, exit 0', async () => {
    const r = await runCli({ 'bug.log': await exportedLog() }, 'check-log', 'bug.log');
    expect(r.stdout).toBe(
      [
        'log (no alt table line) (line 1), 6.12 multi-pass: 1 sites checked, 0 disagree',
        '  features on:  3*32+21 8*32+16',
        '  features off: (none)',
        '  bug.log:7: kernel BUG reproduced at ffffffff81001010 xen_direct_call_outer entry #1: ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
        'no disagreement',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(ASSUMED);
    expect(r.status).toBe(0);
  });

  it('a console cut right after the feat: line (no BUG message) is the same stop', async () => {
    const cut = (await exportedLog()).replace(`${BUG_LINE}\n`, '');
    const r = await runCli({ 'bug.log': cut }, 'check-log', 'bug.log', '--json');
    expect(JSON.parse(r.stdout).tables[0].bugsReproduced).toEqual([
      {
        addr: '0xffffffff81001010',
        symbol: 'xen_direct_call_outer',
        line: 6,
        entry: 1,
        message: 'ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
      },
    ]);
    expect(r.status).toBe(0);
  });

  it('a log that stops where altscope does not BUG is a disagreement, exit 1', async () => {
    // The first entry writes the indirect call back (relocated): alt_replace_call() succeeds.
    const log = [
      'SMP alternatives: feat: 3*32+21, old: (xen_direct_call_outer (ffffffff81001010) len: 6), repl: (ffffffff82800008, len: 6) flags: 0x0',
      'SMP alternatives: ffffffff81001010:   old_insn: ff 15 2a f0 9f 01',
      'SMP alternatives: ffffffff82800008:   rpl_insn: ff 15 32 00 20 00',
      'SMP alternatives: ffffffff81001010: final_insn: ff 15 2a f0 9f 01',
      FEAT_1.replace('8280000b', '8280000e'),
      BUG_LINE,
    ].join('\n');
    const r = await runCli({ 'bug.log': log }, 'check-log', 'bug.log');
    expect(r.stdout.split('\n').slice(3)).toEqual([
      'bug.log:6: ffffffff81001010 xen_direct_call_outer',
      '    the log stops at line 6 (ALT_FLAG_DIRECT_CALL set for unrecognized indirect call); altscope does not BUG there',
      '    log:      ff 15 2a f0 9f 01',
      '    altscope: e8 00 00 00 00 90',
      '1 site(s) disagree',
      '',
    ]);
    expect(r.status).toBe(1);
  });

  it('loads the log as a scenario with the site it stopped at (the app reads it the same way)', async () => {
    const r = await runCli({ 'bug.log': await exportedLog() }, 'patch', 'bug.log', '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.sites.map((x: { addr: string; old: string }) => [x.addr, x.old])).toEqual([
      ['0xffffffff81001010', 'ff152af09f01'],
    ]);
    expect(doc.sites[0].diagnostics.map((d: { code: string }) => d.code)).toEqual([
      'kernel-bug-direct-call-original',
    ]);
    expect(r.status).toBe(1);
  });
});
