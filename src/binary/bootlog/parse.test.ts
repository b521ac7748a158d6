import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hex, readFixture } from '../elf/testFixtures';
import { byteFlips, truncations } from '../mutate';
import { lastLoggedBytes, parseBootLog } from './parse';
import { SEED_DIR } from '../../../fixtures/sharedDir';

const SEED = `${SEED_DIR}/000_0e0dff4e0cb7b845.txt`;
const text = (name: string) => new TextDecoder().decode(readFixture(name));

describe('parseBootLog', () => {
  it.skipIf(!existsSafe(SEED))(
    'parses the seed thread records (TAB + disassembly after dumps, quoted copy read once)',
    () => {
      const { log, diagnostics } = parseBootLog(readFileSync(SEED, 'utf8'));
      expect(diagnostics).toEqual([]);
      expect(log.tables).toHaveLength(1);
      const [site] = log.tables[0]!.sites;
      expect(site!.addr).toBe(0xffffffff81283cd3n);
      expect(site!.symbol).toBe('save_fpregs_to_fpstate+0x43/0xa0');
      expect(
        site!.records.map((r) => ({
          feat: `${r.cpuid >> 5}*32+${r.cpuid & 31}`,
          len: r.len,
          repl: r.repl.toString(16),
          replLen: r.replLen,
          flags: r.flags,
          old: hex(r.oldInsn!),
          rpl: hex(r.rplInsn!),
          fin: hex(r.finalInsn!),
        })),
      ).toEqual([
        {
          feat: '10*32+0',
          len: 6,
          repl: 'ffffffff89c1e6d9',
          replLen: 6,
          flags: 0,
          old: '490fae642440',
          rpl: '490fae742440',
          fin: '490fae742440',
        },
        {
          feat: '10*32+1',
          len: 6,
          repl: 'ffffffff89c1e6df',
          replLen: 6,
          flags: 0,
          old: '490fae642440',
          rpl: '490fc7642440',
          fin: '490fc7642440',
        },
      ]);
      expect(hex(lastLoggedBytes(site!)!)).toBe('490fc7642440');
    },
  );

  it('reads a 7.2 serial excerpt between other DA_* categories', () => {
    const { log, diagnostics } = parseBootLog(text('serial-7.2-excerpt.log'));
    expect(diagnostics).toEqual([]);
    expect(log.lines).toBe(35);
    expect(log.tables.map((t) => [t.start?.toString(16), t.end?.toString(16), t.line])).toEqual([
      ['ffffffff83d779c0', 'ffffffff83d99bea', 4],
    ]);
    const sites = log.tables[0]!.sites;
    expect(sites.map((s) => s.symbol)).toEqual([
      'start_kernel+0x35/0x8a0',
      'start_kernel+0x620/0x8a0',
      'start_kernel+0x638/0x8a0',
      'start_kernel+0x730/0x8a0',
      'start_kernel+0x74f/0x8a0',
      'do_one_initcall+0xab/0x3d0',
    ]);
    expect(sites.every((s) => s.nopsAfterFinal && !s.nopsBeforeOld)).toBe(true);
    expect(
      sites[0]!.states.map((s) => `${s.what}:${hex(s.bytes)}${s.range ? `@${s.range}` : ''}`),
    ).toEqual(['old_insn:ff151d638bff', 'final_insn:fa9090909090', 'nops:fa0f1f440000@1,6']);
  });

  it('reads a 6.12 excerpt: two applied entries per site, NOPs before old_insn', () => {
    const { log } = parseBootLog(text('serial-6.12-excerpt.log'));
    const sites = log.tables[0]!.sites;
    expect(sites.map((s) => [s.symbol, s.records.map((r) => r.flags)])).toEqual([
      ['start_kernel+0x35/0x790', [2, 1]],
      ['start_kernel+0x52f/0x790', [2, 1]],
      ['start_kernel+0x549/0x790', [2]],
    ]);
    expect(sites[0]!.nopsBeforeOld).toBe(true);
    expect(hex(sites[0]!.records[1]!.oldInsn!)).toBe('e806cb98fe90');
  });

  it('accepts lines without timestamps and reports malformed DA_ALT lines with line:column', () => {
    const stripped = text('serial-7.2-excerpt.log').replace(/^\[\s*\d+\.\d+\] /gm, '');
    expect(parseBootLog(stripped).log.tables[0]!.sites).toHaveLength(6);
    const bad =
      'noise\n<7>SMP alternatives: feat: 3*32+40, old: (x (ffffffff81000000) len: 5), repl: (ffffffff82000000, len: 5) flags: 0x0\nSMP alternatives: ffffffff81000000: final_insn: 0f zz\n';
    const { diagnostics } = parseBootLog(bad);
    expect(diagnostics.map((d) => [d.message, d.location])).toEqual([
      ['feature bit 40 is not 0..31', { kind: 'text', line: 2, column: 22 }],
      ['bad bytes in final_insn dump:  0f zz', { kind: 'text', line: 3, column: 19 }],
    ]);
  });

  it('mutated logs give a result, never a throw', () => {
    const input = readFixture('serial-7.2-excerpt.log');
    for (const t of truncations(input, 13)) parseBootLog(new TextDecoder().decode(t));
    for (const m of byteFlips(input, 800, 7)) {
      const r = parseBootLog(new TextDecoder().decode(m));
      expect(Array.isArray(r.diagnostics)).toBe(true);
    }
  });
});

function existsSafe(p: string): boolean {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
}
