import { describe, expect, it } from 'vitest';
import { createAssembler } from '../../disasm/asm';
import { macroSiteAsBytes } from './macroAsBytes';
import { parseTextScenario } from './text';
import type { Site } from '../model';

const assembler = createAssembler();

describe('macroSiteAsBytes', () => {
  it('replaces the macro line with the explicit orig/alt lines, which parse to the same site', () => {
    const text = `kernel 7.2
site 0xffffffff81001000 rdtsc_ordered
  ALTERNATIVE_2 "", "lfence", X86_FEATURE_LFENCE_RDTSC, "rdtscp", X86_FEATURE_RDTSCP
`;
    const before = parseTextScenario(text, undefined, undefined, { assembler }).table!;
    const shown = macroSiteAsBytes(text, before.sites[0]!, '7.2')!;
    expect(shown).toBe(`kernel 7.2
site 0xffffffff81001000 rdtsc_ordered
  orig 90 90 90   # (empty)
  alt LFENCE_RDTSC at 0xffffffff82800000 0f ae e8   # lfence
  alt RDTSCP 0f 01 f9   # rdtscp
`);
    const after = parseTextScenario(shown).table!;
    const strip = (s: Site | undefined) => ({
      addr: s!.addr,
      original: s!.original,
      entries: s!.entries.map(({ source: _s, ...e }) => e),
    });
    expect(strip(after.sites[0])).toEqual(strip(before.sites[0]));
  });
});
