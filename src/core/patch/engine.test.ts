/**
 * Hand-made bytes for the pieces the vectors do not isolate: relocation edge rules, the NOP
 * optimizer, both insn_is_nop() rules, loop selection independent of the kernel, and BUGs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDecoder } from '../../disasm/node';
import type { AltEntry, AltTable } from '../model';
import { toAddr, toFeatureIndex } from '../model';
import { formatDump } from './bytes';
import { isNop612, isNop72 } from './isNop';
import { optimizeNops } from './nops';
import { relocateReplacement } from './relocate';
import { simulate } from './simulate';

const decoder = createDecoder();
afterAll(() => decoder.dispose());
const hex = (s: string) => new Uint8Array(s.split(' ').map((b) => parseInt(b, 16)));
const INSTR = toAddr(0xffffffff81001000n);
const REPL = toAddr(0xffffffff82800000n);

describe('relocateReplacement', () => {
  it('leaves a jmp8 to the exact end of the replacement alone (inside) ', () => {
    const buf = hex('eb 03 48 31 c0');
    const r = relocateReplacement(buf, 5, INSTR, REPL, 5, decoder);
    expect(formatDump(buf)).toBe('eb 03 48 31 c0');
    expect(r.relocations).toEqual([]);
  });
  it('never shrinks a jmp32 to inside the replacement (diff is added anyway)', () => {
    const buf = hex('e9 00 00 00 00 90');
    relocateReplacement(buf, 6, INSTR, REPL, 6, decoder);
    expect(formatDump(buf)).toBe('e9 00 00 00 00 90');
  });
  it('shrinks an external jmp32 that fits into eb + cc fill and records it', () => {
    // repl at REPL jumps to INSTR+0x40: rel = INSTR+0x40 - (REPL+5)
    const rel = Number(BigInt.asIntN(32, INSTR + 0x40n - (REPL + 5n)));
    const buf = new Uint8Array([
      0xe9,
      rel & 0xff,
      (rel >> 8) & 0xff,
      (rel >> 16) & 0xff,
      (rel >>> 24) & 0xff,
    ]);
    const r = relocateReplacement(buf, 5, INSTR, REPL, 5, decoder);
    expect(formatDump(buf)).toBe('eb 3e cc cc cc');
    expect(r.relocations[0]).toMatchObject({
      offset: 0,
      shrunk: true,
      newDisp: 0x3e,
      target: INSTR + 0x40n,
    });
  });
  it('relocates RIP-relative displacements and stops with overflow on a jcc8 out of reach', () => {
    const inside = hex('48 8d 05 00 00 00 00'); // target = end of the replacement: inside
    relocateReplacement(inside, 7, INSTR, REPL, 7, decoder);
    expect(formatDump(inside)).toBe('48 8d 05 00 00 00 00');
    const lea = hex('48 8d 05 00 01 00 00');
    relocateReplacement(lea, 7, INSTR, REPL, 7, decoder);
    expect(formatDump(lea)).toBe('48 8d 05 00 f1 7f 01');
    const jcc = hex('74 10');
    expect(relocateReplacement(jcc, 2, INSTR, REPL, 2, decoder).stop?.kind).toBe('overflow');
  });
});

describe('insn_is_nop and optimize_nops', () => {
  const isNop = (rule: typeof isNop72, s: string) => {
    const b = hex(s);
    return rule(b, 0, decoder.decode(b, 0, b.length));
  };
  it.each([
    ['48 89 c0', false, true],
    ['4d 89 c0', false, true],
    ['4c 89 c0', false, false],
    ['89 c0', false, false],
    ['48 8d 40 00', false, true],
    ['48 8d 64 24 00', false, true],
    ['48 8d 40 01', false, false],
    ['eb 00', false, true],
    ['e9 00 00 00 00', false, true],
    ['41 90', true, false],
    ['f3 90', false, false],
    ['0f 1f 48 00', true, false],
    ['0f 1f 40 00', true, true],
    ['66 2e 0f 1f 84 00 00 00 00 00', true, true],
  ])('%s: 6.12 %s, 7.2 %s', (bytes, in612, in72) => {
    expect(isNop(isNop612, bytes)).toBe(in612);
    expect(isNop(isNop72, bytes)).toBe(in72);
  });
  it('merges a run ending exactly at the end and rewrites even a lone canonical NOP', () => {
    const a = hex('c3 90 90');
    optimizeNops(a, 3, decoder, isNop72);
    expect(formatDump(a)).toBe('c3 66 90');
    const b = hex('90 c3');
    const runs: number[][] = [];
    optimizeNops(b, 2, decoder, isNop72, (s, e) => runs.push([s, e]));
    expect(runs).toEqual([[0, 1]]);
    const c = hex('c3 90');
    optimizeNops(c, 2, decoder, isNop72, (s, e) => runs.push([s, e]));
    expect(runs).toEqual([[0, 1]]);
  });
});

describe('loops and BUGs', () => {
  const entry = (over: Partial<AltEntry>): AltEntry => ({
    instr: INSTR,
    repl: REPL,
    cpuid: toFeatureIndex(117),
    flags: 0,
    instrlen: 3,
    replacementlen: 3,
    replacement: hex('0f ae e8'),
    tableIndex: 0,
    ...over,
  });
  const table = (entries: AltEntry[], original: Uint8Array): AltTable => ({
    kernel: '7.2',
    sites: [{ addr: INSTR, original, entries }],
    memory: [],
    symbols: [],
    features: [],
  });
  it('multi-pass on 7.2 records every intermediate write; single-pass writes once', () => {
    const t = table(
      [entry({}), entry({ repl: toAddr(REPL + 3n), replacement: hex('0f ae f0'), tableIndex: 1 })],
      hex('90 90 90'),
    );
    const multi = simulate(t, { kernel: '7.2', loop: 'multi-pass', features: new Set() }, decoder)
      .sites[0]!;
    const single = simulate(t, { kernel: '7.2', loop: 'single-pass', features: new Set() }, decoder)
      .sites[0]!;
    expect(multi.writes.map((w) => formatDump(w.after))).toEqual(['0f ae e8', '0f ae f0']);
    expect(single.writes.map((w) => formatDump(w.after))).toEqual(['0f ae f0']);
    expect(single.verdicts.map((v) => v.reason)).toEqual([
      'ALWAYS on, but a later eligible entry wins',
      'ALWAYS on',
    ]);
    expect(single.selected).toBe(1);
  });
  it('a feature index past the last bug word is a kernel-bug and the site stays as it was', () => {
    const r = simulate(
      table([entry({ cpuid: toFeatureIndex(800) })], hex('90 90 90')),
      { kernel: '7.2', loop: 'single-pass', features: new Set() },
      decoder,
    );
    const s = r.sites[0]!;
    expect(s.diagnostics.map((d) => d.code)).toEqual(['kernel-bug-feature-range']);
    expect(formatDump(s.final)).toBe('90 90 90');
    expect(s.log).toEqual([]);
  });
  it('a site longer than 254 bytes is a kernel-bug', () => {
    const r = simulate(
      table([entry({ instrlen: 255 })], new Uint8Array(255).fill(0x90)),
      { kernel: '6.12', loop: 'multi-pass', features: new Set() },
      decoder,
    );
    expect(r.sites[0]!.diagnostics.map((d) => d.code)).toEqual(['kernel-bug-site-too-long']);
  });
  it('DIRECT_CALL on a non-call replacement is a kernel-bug with the kernel message', () => {
    const r = simulate(
      table([entry({ flags: 2, instrlen: 6 })], hex('ff 15 00 00 00 00')),
      { kernel: '7.2', loop: 'single-pass', features: new Set() },
      decoder,
    );
    const d = r.sites[0]!.diagnostics[0]!;
    expect([d.severity, d.code, d.message]).toEqual([
      'error',
      'kernel-bug-direct-call-replacement',
      'ALT_FLAG_DIRECT_CALL set for a non-call replacement instruction',
    ]);
  });
});
