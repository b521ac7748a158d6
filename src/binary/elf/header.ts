import { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_X86_64 = 62;

export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHF_ALLOC = 0x2;

/** The ELF64 file header fields altscope uses. */
export interface ElfHeader {
  type: number;
  machine: number;
  entry: bigint;
  shoff: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

/** One section header with its name resolved. */
export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
  addralign: number;
  /** File offset of this header, for diagnostics. */
  headerOffset: number;
}

const EHDR_SIZE = 64;
const SHDR_SIZE = 64;

/** The ELF identification and header; only ELF64 little-endian x86-64 is accepted. */
export function readElfHeader(r: ByteReader): ElfHeader {
  r.check(0, EHDR_SIZE, 'ELF header');
  const b = r.bytes;
  if (b[0] !== 0x7f || b[1] !== 0x45 || b[2] !== 0x4c || b[3] !== 0x46) {
    throw new ReadAbort(offsetError('not-elf', 'not an ELF file (bad magic)', 0, 'e_ident'));
  }
  if (b[4] !== 2)
    throw new ReadAbort(offsetError('elf-class', `ELF class ${b[4]} is not ELF64`, 4, 'EI_CLASS'));
  if (b[5] !== 1)
    throw new ReadAbort(
      offsetError('elf-endian', `ELF data encoding ${b[5]} is not little-endian`, 5, 'EI_DATA'),
    );
  const machine = r.u16(18, 'e_machine');
  if (machine !== EM_X86_64) {
    throw new ReadAbort(
      offsetError('elf-machine', `e_machine ${machine} is not x86-64 (62)`, 18, 'e_machine'),
    );
  }
  const shentsize = r.u16(58, 'e_shentsize');
  if (shentsize !== SHDR_SIZE) {
    throw new ReadAbort(
      offsetError('elf-shentsize', `e_shentsize ${shentsize} is not 64`, 58, 'e_shentsize'),
    );
  }
  return {
    type: r.u16(16, 'e_type'),
    machine,
    entry: r.u64(24, 'e_entry'),
    shoff: r.u64n(40, 'e_shoff'),
    shentsize,
    shnum: r.u16(60, 'e_shnum'),
    shstrndx: r.u16(62, 'e_shstrndx'),
  };
}

/** Section headers with names; every header and every PROGBITS extent is bounds-checked. */
export function readSections(r: ByteReader, h: ElfHeader): ElfSection[] {
  if (h.shoff === 0)
    throw new ReadAbort(
      offsetError('no-sections', 'the ELF has no section header table', 40, 'e_shoff'),
    );
  // Extended numbering: e_shnum 0 / e_shstrndx SHN_XINDEX keep the real values in section 0.
  let shnum = h.shnum;
  let shstrndx = h.shstrndx;
  if (shnum === 0) shnum = r.u64n(h.shoff + 32, 'section 0 sh_size (extended e_shnum)');
  if (shstrndx === 0xffff)
    shstrndx = r.u32(h.shoff + 40, 'section 0 sh_link (extended e_shstrndx)');
  // The table itself must fit in the file: this bounds every later loop by the file size.
  if (shnum * SHDR_SIZE > r.size - h.shoff || h.shoff > r.size) {
    throw new ReadAbort(
      offsetError(
        'out-of-bounds',
        `section header table (${shnum} headers at offset ${h.shoff}) is past the end of the file (size ${r.size})`,
        h.shoff,
        'section header table',
      ),
    );
  }
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = h.shoff + i * SHDR_SIZE;
    const sec = {
      index: i,
      nameOffset: r.u32(o, `section ${i} sh_name`),
      type: r.u32(o + 4, `section ${i} sh_type`),
      flags: r.u64(o + 8, `section ${i} sh_flags`),
      addr: r.u64(o + 16, `section ${i} sh_addr`),
      offset: r.u64n(o + 24, `section ${i} sh_offset`),
      size: r.u64n(o + 32, `section ${i} sh_size`),
      link: r.u32(o + 40, `section ${i} sh_link`),
      info: r.u32(o + 44, `section ${i} sh_info`),
      addralign: r.u64n(o + 48, `section ${i} sh_addralign`),
      entsize: r.u64n(o + 56, `section ${i} sh_entsize`),
      headerOffset: o,
    };
    if (sec.type !== SHT_NOBITS && sec.type !== 0 && sec.offset + sec.size > r.size) {
      throw new ReadAbort(
        offsetError(
          'out-of-bounds',
          `section ${i} contents (offset ${sec.offset}, size ${sec.size}) extend past the end of the file (size ${r.size})`,
          o + 24,
          `section ${i} sh_offset/sh_size`,
        ),
      );
    }
    raw.push(sec);
  }
  if (shstrndx >= shnum) {
    throw new ReadAbort(
      offsetError(
        'bad-shstrndx',
        `e_shstrndx ${shstrndx} is not a section (e_shnum ${shnum})`,
        62,
        'e_shstrndx',
      ),
    );
  }
  checkOverlaps(raw, h.shoff, shnum);
  const strtab = raw[shstrndx]!;
  return raw.map(({ nameOffset, ...s }) => {
    if (nameOffset >= strtab.size && !(nameOffset === 0 && strtab.size === 0)) {
      throw new ReadAbort(
        offsetError(
          'bad-name',
          `section ${s.index} sh_name ${nameOffset} is outside .shstrtab (size ${strtab.size})`,
          s.headerOffset,
          `section ${s.index} sh_name`,
        ),
      );
    }
    const name =
      strtab.size === 0
        ? ''
        : r.cstring(
            strtab.offset + nameOffset,
            strtab.offset + strtab.size,
            `section ${s.index} name`,
          );
    return { ...s, name };
  });
}

/**
 * File contents of sections must not overlap each other or the section header table: a file
 * that says otherwise is corrupt or hostile, and reading it "as is" would give made-up bytes.
 */
function checkOverlaps(
  raw: readonly {
    index: number;
    type: number;
    offset: number;
    size: number;
    headerOffset: number;
  }[],
  shoff: number,
  shnum: number,
): void {
  const extents = raw
    .filter((s) => s.type !== SHT_NOBITS && s.type !== 0 && s.size > 0)
    .map((s) => ({ index: s.index, start: s.offset, end: s.offset + s.size, at: s.headerOffset }))
    .sort((a, b) => a.start - b.start);
  const tableEnd = shoff + shnum * SHDR_SIZE;
  for (let i = 0; i < extents.length; i++) {
    const e = extents[i]!;
    const next = extents[i + 1];
    if (next && next.start < e.end) {
      throw new ReadAbort(
        offsetError(
          'section-overlap',
          `sections ${e.index} and ${next.index} overlap in the file (offsets ${e.start}..${e.end} and ${next.start}..${next.end})`,
          next.at + 24,
          `section ${next.index} sh_offset`,
        ),
      );
    }
    if (e.start < tableEnd && shoff < e.end) {
      throw new ReadAbort(
        offsetError(
          'section-overlap',
          `section ${e.index} contents (offsets ${e.start}..${e.end}) overlap the section header table at offset ${shoff}`,
          e.at + 24,
          `section ${e.index} sh_offset`,
        ),
      );
    }
  }
}
