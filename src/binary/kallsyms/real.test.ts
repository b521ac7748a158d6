import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompressBzImage } from '../bzimage';
import { ByteReader } from '../byteReader';
import {
  CAPTURES,
  capturesPresent,
  readCaptureText,
  readCaptureXz,
  type CaptureDir,
} from '../captures';
import { readElfHeader, readSections, type ElfSection } from '../elf/header';
import { selectKallsyms, SymbolIndex } from '../elf/kallsyms';
import { VirtualMemory } from '../elf/memory';
import { readFeatureNames } from './capFlags';
import { readSymbols } from '../elf/symbols';
import { readImageSymbols, sectionRegion } from './fromElf';
import { readKallsyms } from './read';

const present = capturesPresent();

/** Real Debian images: the layout their kallsyms must be found in, and what .symtab lacks. */
const KERNELS: { dir: CaptureDir; mode: string; count: number }[] = [
  { dir: 'debian-bookworm-6.1.192', mode: 'absolute-percpu', count: 87347 },
  { dir: 'debian-sid-7.2.13', mode: 'pc-relative', count: 186798 },
];

const elfOf = (bytes: Uint8Array) => {
  const r = new ByteReader(bytes);
  return { r, sections: readSections(r, readElfHeader(r)) };
};
const key = (name: string, addr: bigint) => `${name}@${addr.toString(16)}`;
const inside = (s: ElfSection, a: bigint) => a >= s.addr && a < s.addr + BigInt(s.size);

for (const k of KERNELS) {
  describe.skipIf(!present)(`kallsyms of the ${k.dir} vmlinuz`, () => {
    it('decodes the same symbols as the debug ELF’s .symtab', async () => {
      const bz = await decompressBzImage(
        new Uint8Array(readFileSync(`${CAPTURES}/${k.dir}/vmlinuz`)),
      );
      if (!bz.ok) throw new Error(JSON.stringify(bz.diagnostics));
      const img = elfOf(bz.value.elf);
      const ks = readKallsyms(
        sectionRegion(
          img.r,
          img.sections.find((s) => s.name === '.rodata'),
        )!,
      );
      if (!ks.ok) throw new Error(JSON.stringify(ks.diagnostics));
      expect([ks.value.mode, ks.value.columns.count]).toEqual([k.mode, k.count]);
      const c = ks.value.columns;
      const fromImage = new Set<string>();
      for (let i = 0; i < c.count; i++)
        fromImage.add(key(c.name(i), (BigInt(c.hi[i]!) << 32n) | BigInt(c.lo[i]!)));

      const dbg = elfOf(readCaptureXz(k.dir, 'vmlinux-alt.elf.xz'));
      const symtab = selectKallsyms(readSymbols(dbg.r, dbg.sections), dbg.sections);
      // Every .symtab symbol is in kallsyms at its address, except (6.1 only) the kallsyms
      // tables themselves, which 6.1's scripts/kallsyms leaves out.
      const missing = symtab
        .map((s) => key(s.name, s.addr))
        .filter((s) => !fromImage.has(s))
        .map((s) => s.replace(/@.*/, ''));
      expect(missing.sort()).toEqual(
        k.dir.includes('6.1')
          ? [
              'kallsyms_markers',
              'kallsyms_names',
              'kallsyms_num_syms',
              'kallsyms_offsets',
              'kallsyms_relative_base',
              'kallsyms_seqs_of_names',
              'kallsyms_token_index',
              'kallsyms_token_table',
            ]
          : [],
      );
      // The reference ELF is trimmed to a few sections (per-CPU data, PCI fixups, __ksymtab…
      // are gone with their symbols): over .text, where every site is, the sets are equal.
      const text = dbg.sections.find((s) => s.name === '.text')!;
      const inText = (xs: Iterable<string>) =>
        [...xs].filter((x) => inside(text, BigInt(`0x${x.split('@')[1]}`))).sort();
      expect(inText(fromImage)).toEqual(inText(symtab.map((s) => key(s.name, s.addr))));
    });

    it('reads x86_cap_flags/x86_bug_flags through its symbols: the names /proc/cpuinfo prints', async () => {
      const bz = await decompressBzImage(
        new Uint8Array(readFileSync(`${CAPTURES}/${k.dir}/vmlinuz`)),
      );
      if (!bz.ok) throw new Error(JSON.stringify(bz.diagnostics));
      const img = elfOf(bz.value.elf);
      const names = new SymbolIndex(readImageSymbols(img.r, img.sections, []).columns);
      const got = readFeatureNames(new VirtualMemory(img.r, img.sections), names);
      const want = JSON.parse(readCaptureText(k.dir, 'feature-names.json')) as {
        ncapints_x32: number;
        names: Record<string, string>;
      };
      expect(got?.ncapintsX32).toBe(want.ncapints_x32);
      // The reference file marks bug names `bug:` (the kernel's strings have no prefix).
      const named = [...got!.names].map(([i, n]) => [
        String(i),
        i >= got!.ncapintsX32 ? `bug:${n}` : n,
      ]);
      expect(Object.fromEntries(named)).toEqual(want.names);
    });
  });
}
