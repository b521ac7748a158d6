import { describe, expect, it } from 'vitest';
import { getProfile } from '../../core/profiles';
import { ByteReader } from '../byteReader';
import { readAltInstructions } from './altinstr';
import type { ElfSection } from './header';

const section = (size: number): ElfSection => ({
  index: 1,
  name: '.altinstructions',
  type: 1,
  flags: 2n,
  addr: 0x1000n,
  offset: 0,
  size,
  link: 0,
  info: 0,
  entsize: 0,
  addralign: 1,
  headerOffset: 0,
});

describe('readAltInstructions', () => {
  it('reads 6.1 entries: 12 bytes, u16 cpuid with bit 15 as NOT', () => {
    // instr_offset -16, repl_offset 0x20, cpuid !8*32+16 (0x8110), instrlen 6, replacementlen 3
    const a = [0xf0, 0xff, 0xff, 0xff, 0x20, 0, 0, 0, 0x10, 0x81, 6, 3];
    // then 9*32+20 (0x134) without NOT, 5 and 5
    const b = [0x10, 0, 0, 0, 0x30, 0, 0, 0, 0x34, 0x01, 5, 5];
    const raws = readAltInstructions(
      new ByteReader(new Uint8Array([...a, ...b])),
      section(24),
      getProfile('6.1'),
    );
    expect(
      raws.map((r) => [
        r.sectionOffset,
        r.instrOffset,
        r.replOffset,
        r.cpuid,
        r.flags,
        r.instrlen,
        r.replacementlen,
      ]),
    ).toEqual([
      [0, -16, 0x20, 8 * 32 + 16, 1, 6, 3],
      [12, 16, 0x30, 9 * 32 + 20, 0, 5, 5],
    ]);
  });

  it('refuses a 6.1 table whose size is not a multiple of 12, naming the profile', () => {
    expect(() =>
      readAltInstructions(new ByteReader(new Uint8Array(28)), section(28), getProfile('6.1')),
    ).toThrow(
      '.altinstructions size 28 is not a multiple of the 12-byte struct alt_instr of 6.1 (4 bytes left over)',
    );
  });
});
