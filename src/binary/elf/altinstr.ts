import { ALT_FLAG_NOT } from '../../core/model';
import type { KernelProfile } from '../../core/profiles';
import type { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';
import type { ElfSection } from './header';

/** `sizeof(struct alt_instr)` since 6.3 (6.12, 7.2, 7.3); 6.1's is 12 (profile.entrySize). */
export const ALT_INSTR_SIZE = 14;

/** 6.1's `ALTINSTR_FLAG_INV`: bit 15 of the `u16 cpuid`. */
const ALTINSTR_FLAG_INV = 0x8000;

/** One `struct alt_instr` as stored, offsets not yet resolved. */
export interface RawAltInstr {
  /** Index in the table. */
  index: number;
  /** File offset of the entry (diagnostics). */
  fileOffset: number;
  /** Offset of the entry inside `.altinstructions`. */
  sectionOffset: number;
  instrOffset: number;
  replOffset: number;
  cpuid: number;
  flags: number;
  instrlen: number;
  replacementlen: number;
}

/**
 * Decode the entries of `.altinstructions` in the profile's layout: 14 bytes with `u32 ft_flags`
 * (6.3+) or 12 with `u16 cpuid` whose bit 15 is NOT (6.1). The size must be a multiple.
 */
export function readAltInstructions(
  r: ByteReader,
  sec: ElfSection,
  profile: Pick<KernelProfile, 'entrySize' | 'version'>,
): RawAltInstr[] {
  const size = profile.entrySize;
  if (sec.size % size !== 0) {
    throw new ReadAbort(
      offsetError(
        'altinstr-size',
        `.altinstructions size ${sec.size} is not a multiple of the ${size}-byte struct alt_instr of ${profile.version} (${sec.size % size} bytes left over)`,
        sec.headerOffset + 32,
        '.altinstructions sh_size',
      ),
    );
  }
  if (sec.entsize !== 0 && sec.entsize !== size) {
    throw new ReadAbort(
      offsetError(
        'altinstr-entsize',
        `.altinstructions sh_entsize ${sec.entsize} is not ${size}: not a ${profile.version} alt_instr table`,
        sec.headerOffset + 56,
        '.altinstructions sh_entsize',
      ),
    );
  }
  const n = sec.size / size;
  r.check(sec.offset, sec.size, '.altinstructions');
  const out = new Array<RawAltInstr>(n);
  const v = r.view;
  for (let i = 0; i < n; i++) {
    const o = sec.offset + i * size;
    const wide = size === ALT_INSTR_SIZE;
    const ft = wide ? v.getUint32(o + 8, true) : v.getUint16(o + 8, true);
    out[i] = {
      index: i,
      fileOffset: o,
      sectionOffset: i * size,
      instrOffset: v.getInt32(o, true),
      replOffset: v.getInt32(o + 4, true),
      cpuid: wide ? ft & 0xffff : ft & ~ALTINSTR_FLAG_INV,
      flags: wide ? ft >>> 16 : ft & ALTINSTR_FLAG_INV ? ALT_FLAG_NOT : 0,
      instrlen: v.getUint8(o + size - 2),
      replacementlen: v.getUint8(o + size - 1),
    };
  }
  return out;
}
