/**
 * altscope's expansion against the real toolchain: fixtures/macros/toolchain-<kernel>.json hold
 * the sections gcc + ld made of each case with Debian's linux-headers (scripts/gen-macro-fixtures.mjs).
 * Every site's bytes, every alt_instr (feature, flags, instrlen, replacementlen, replacement
 * address) and every replacement's bytes must be equal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssembler } from '../../disasm/asm';
import { ALT_FLAG_NOT, toAddr } from '../model';
import type { KernelVersion } from '../model';
import { resolveScenarioFeature } from '../scenario/feature';
import { expandMacro } from './expand';
import { getProfile } from '../profiles';
import { parseMacroCall } from './macroSyntax';

interface Fixture {
  kernel: string;
  entrySize: number;
  cases: { form: string; macro: string }[];
  symbols: Record<string, string>;
  sections: Record<
    'text' | 'altinstructions' | 'altinstr_replacement',
    { addr: string; bytes: string }
  >;
}

interface RawEntry {
  instr: bigint;
  repl: bigint;
  cpuid: number;
  flags: number;
  instrlen: number;
  replacementlen: number;
}

const load = (kernel: string): Fixture =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../fixtures/macros', `toolchain-${kernel}.json`), 'utf8'),
  );

/** `struct alt_instr` as each generation lays it out (6.1: u16 cpuid with bit 15 = NOT). */
function readEntries(f: Fixture): RawEntry[] {
  const b = Buffer.from(f.sections.altinstructions.bytes, 'hex');
  const base = BigInt(f.sections.altinstructions.addr);
  const out: RawEntry[] = [];
  for (let off = 0; off < b.length; off += f.entrySize) {
    const at = base + BigInt(off);
    const e: RawEntry = {
      instr: BigInt.asUintN(64, at + BigInt(b.readInt32LE(off))),
      repl: BigInt.asUintN(64, at + 4n + BigInt(b.readInt32LE(off + 4))),
      cpuid: 0,
      flags: 0,
      instrlen: b[off + f.entrySize - 2]!,
      replacementlen: b[off + f.entrySize - 1]!,
    };
    if (f.entrySize === 12) {
      const c = b.readUInt16LE(off + 8);
      e.cpuid = c & 0x7fff;
      e.flags = c & 0x8000 ? ALT_FLAG_NOT : 0;
    } else {
      const ft = b.readUInt32LE(off + 8);
      e.cpuid = ft & 0xffff;
      e.flags = ft >>> 16;
    }
    out.push(e);
  }
  return out;
}

const slice = (sec: { addr: string; bytes: string }, addr: bigint, len: number): string => {
  const off = Number(addr - BigInt(sec.addr)) * 2;
  return sec.bytes.slice(off, off + len * 2);
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe.each(['6.1', '6.12', '7.2'])('kernel %s macros equal gcc + linux-headers', (kernel) => {
  const f = load(kernel);
  const entries = readEntries(f);
  const sites: RawEntry[][] = [];
  for (const e of entries) {
    const last = sites[sites.length - 1];
    if (last && last[0]!.instr === e.instr) last.push(e);
    else sites.push([e]);
  }
  const assembler = createAssembler();
  const symbols = new Map(Object.entries(f.symbols).map(([n, a]) => [n, BigInt(a)]));
  const catalogue = kernel as KernelVersion;

  it('has one site per case', () => expect(sites.length).toBe(f.cases.length));

  it.each(f.cases.map((c, i) => [c.macro, i] as const))('%s', (macro, i) => {
    const raw = sites[i]!;
    const call = parseMacroCall(macro);
    if (!call.ok) throw new Error(call.message);
    const r = expandMacro(call.call, {
      layout: getProfile(catalogue).macroLayout,
      site: toAddr(raw[0]!.instr),
      repl: toAddr(raw[0]!.repl),
      assembler,
      symbols,
      resolveFeature: (t) => resolveScenarioFeature(t, catalogue),
      directCall: kernel !== '6.1',
    });
    if (!r.ok) throw new Error(`${r.column}: ${r.message}`);
    const siteLen = Math.max(...raw.map((e) => e.instrlen));
    expect(hex(r.original)).toBe(slice(f.sections.text, raw[0]!.instr, siteLen));
    expect(
      r.expansion.levels.map((l) => ({
        instr: raw[0]!.instr,
        repl: l.repl as bigint,
        cpuid: l.cpuid as number,
        flags: l.flags,
        instrlen: l.instrlen,
        replacementlen: l.replacement.length,
      })),
    ).toEqual(raw);
    expect(r.expansion.levels.map((l) => hex(l.replacement))).toEqual(
      raw.map((e) => slice(f.sections.altinstr_replacement, e.repl, e.replacementlen)),
    );
  });
});
