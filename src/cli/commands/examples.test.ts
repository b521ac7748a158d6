import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../examples';
import { runCli } from '../testing';

// Files written by one command feed the next.
const run = runCli;

describe('altscope examples', () => {
  it('lists every built-in example and the default scenario', async () => {
    const r = await run({}, 'examples');
    expect(r.status).toBe(0);
    const ids = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual([...EXAMPLES.map((e) => e.id), 'default']);
  });

  it('prints an example that `patch` then reproduces the ordering bug from', async () => {
    const text = (await run({}, 'examples', 'ordering-bug')).stdout;
    const multi = await run(
      { 'bug.alt': text },
      'patch',
      'bug.alt',
      '--features',
      'XENPV',
      '--engine',
      'multi-pass',
      '--json',
    );
    expect(multi.status).toBe(1);
    const site = JSON.parse(multi.stdout).sites[0];
    expect(site.final).toBe('0f20d00f1f00');
    expect(site.diagnostics[0].message).toBe(
      'ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
    );
    // call xen_read_cr2 (0xffffffff81202b30) from 0xffffffff81001010: rel32 0x201b1b.
    const single = await run(
      { 'bug.alt': text },
      'patch',
      'bug.alt',
      '--features',
      'XENPV',
      '--json',
    );
    expect(single.status).toBe(0);
    expect(JSON.parse(single.stdout).sites[0].final).toBe('e81b1b200090');
  });

  it('names the known examples when the ID is wrong', async () => {
    const r = await run({}, 'examples', 'nosuch');
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: `altscope examples: no example "nosuch"; known: ${EXAMPLES.map((e) => e.id).join(', ')}, default\n`,
    });
  });
});
