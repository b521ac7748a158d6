import type { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';
import type { ElfSection } from './header';

/** `sizeof(struct alt_instr)` since 6.3 (6.12, 7.2). */
export const ALT_INSTR_SIZE = 14;

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

/** Decode the 14-byte entries of `.altinstructions`; the size must be a multiple of 14. */
export function readAltInstructions(r: ByteReader, sec: ElfSection): RawAltInstr[] {
  if (sec.size % ALT_INSTR_SIZE !== 0) {
    throw new ReadAbort(
      offsetError(
        'altinstr-size',
        `.altinstructions size ${sec.size} is not a multiple of the ${ALT_INSTR_SIZE}-byte struct alt_instr (${sec.size % ALT_INSTR_SIZE} bytes left over)`,
        sec.headerOffset + 32,
        '.altinstructions sh_size',
      ),
    );
  }
  if (sec.entsize !== 0 && sec.entsize !== ALT_INSTR_SIZE) {
    throw new ReadAbort(
      offsetError(
        'altinstr-entsize',
        `.altinstructions sh_entsize ${sec.entsize} is not ${ALT_INSTR_SIZE}: not a 6.3+ alt_instr table`,
        sec.headerOffset + 56,
        '.altinstructions sh_entsize',
      ),
    );
  }
  const n = sec.size / ALT_INSTR_SIZE;
  r.check(sec.offset, sec.size, '.altinstructions');
  const out = new Array<RawAltInstr>(n);
  const v = r.view;
  for (let i = 0; i < n; i++) {
    const o = sec.offset + i * ALT_INSTR_SIZE;
    const ft = v.getUint32(o + 8, true);
    out[i] = {
      index: i,
      fileOffset: o,
      sectionOffset: i * ALT_INSTR_SIZE,
      instrOffset: v.getInt32(o, true),
      replOffset: v.getInt32(o + 4, true),
      cpuid: ft & 0xffff,
      flags: ft >>> 16,
      instrlen: v.getUint8(o + 12),
      replacementlen: v.getUint8(o + 13),
    };
  }
  return out;
}
