/**
 * Every 6.1, 6.12 and 7.2 result of shared/reference/kernel-test-vectors.json (made by running the
 * kernels' own apply_alternatives()) as a test: final bytes, BUG presence and the exact
 * debug-alternative log. Data-driven: adding a case to the file adds a test.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecoder } from '../../disasm/node';
import type { AltEntry, AltTable, KernelVersion, Site } from '../model';
import { toAddr, toFeatureIndex } from '../model';
import { formatDump } from './bytes';
import { formatAltTableLine } from './log';
import { simulate } from './simulate';
import { defaultLoop } from '../model';
import { getProfile } from '../profiles';

interface VectorResult {
  entries: {
    instr: string;
    repl: string;
    cpuid: number;
    flags: number;
    instrlen: number;
    replacementlen: number;
  }[];
  original: string;
  replacements: { addr: string; bytes: string }[];
  final: string;
  bug: string | null;
  log: string[];
}
interface VectorCase {
  name: string;
  description: string;
  caps: number[];
  results: Record<string, VectorResult>;
}
interface VectorFile {
  layout: Record<string, string>;
  cases: VectorCase[];
}

const here = new URL('../../../fixtures/vectors/', import.meta.url);
const file = JSON.parse(
  readFileSync(new URL('kernel-test-vectors.json', here), 'utf8'),
) as VectorFile;
const memoryRules = JSON.parse(readFileSync(new URL('vector-memory.json', here), 'utf8')) as {
  slotOverrides: Record<string, string | null>;
};
const decoder = createDecoder();
afterAll(() => decoder.dispose());

const hex = (s: string): Uint8Array =>
  new Uint8Array((s.match(/[0-9a-f]{2}/gi) ?? []).map((b) => parseInt(b, 16)));
const addr = (s: string) => toAddr(BigInt(`0x${s}`));
const le64 = (v: bigint): Uint8Array => {
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
};

function tableFor(c: VectorCase, kernel: KernelVersion, r: VectorResult): AltTable {
  const L = file.layout;
  const repls = new Map(r.replacements.map((x) => [x.addr, hex(x.bytes)]));
  const entries: AltEntry[] = r.entries.map((e, tableIndex) => ({
    instr: addr(e.instr),
    repl: addr(e.repl),
    cpuid: toFeatureIndex(e.cpuid),
    flags: e.flags,
    instrlen: e.instrlen,
    replacementlen: e.replacementlen,
    replacement: (repls.get(e.repl) ?? new Uint8Array(0)).subarray(0, e.replacementlen),
    tableIndex,
  }));
  const first = r.entries[0]!.instr;
  const site: Site = {
    addr: addr(first),
    symbol: `<sym@${first}>`,
    original: hex(r.original),
    entries,
  };
  const override =
    c.name in memoryRules.slotOverrides ? memoryRules.slotOverrides[c.name] : 'pv_slot_target';
  const pointer = override === null || override === undefined ? 0n : BigInt(`0x${L[override]}`);
  return {
    kernel,
    sites: [site],
    memory: [{ addr: addr(L.pv_slot!), bytes: le64(pointer) }],
    symbols: [
      { name: 'BUG_func', addr: addr(L.BUG_func!) },
      { name: 'nop_func', addr: addr(L.nop_func!) },
    ],
    features: [],
  };
}

for (const kernel of ['6.1', '6.12', '7.2'] as const) {
  describe(`kernel-test-vectors ${kernel}`, () => {
    for (const c of file.cases) {
      const r = c.results[kernel];
      if (!r) continue;
      it(`${c.name}`, () => {
        const table = tableFor(c, kernel, r);
        const loop = defaultLoop(kernel);
        const report = simulate(table, { kernel, loop, features: new Set(c.caps) }, decoder);
        const site = report.sites[0]!;
        expect(formatDump(site.final)).toBe(r.final);
        const bugs = site.diagnostics.filter(
          (d) => d.severity === 'error' && d.code.startsWith('kernel-bug'),
        );
        expect(bugs.length).toBe(r.bug ? 1 : 0);
        if (r.bug?.startsWith('BUG_ON('))
          expect(bugs[0]!.message.startsWith(r.bug.replace(/ in apply_reloc$/, ''))).toBe(true);
        const [tableLine, ...siteLines] = r.log;
        const end =
          BigInt(`0x${file.layout.table}`) +
          BigInt(getProfile(kernel).entrySize * r.entries.length);
        expect(formatAltTableLine(addr(file.layout.table!), end)).toBe(tableLine);
        const errLines = siteLines.filter((l) => l.startsWith('ERR ')).map((l) => l.slice(4));
        expect(site.log).toEqual(siteLines.map((l) => l.replace(/^ERR /, '')));
        for (const l of errLines)
          expect(bugs.map((b) => `SMP alternatives: ${b.message}`)).toContain(l);
      });
    }
  });
}
