import type { ByteReader } from '../byteReader';
import type { ElfSection } from './header';
import type { SymbolColumns } from './kallsyms';
import {
  locateSymtab,
  readNameOffset,
  SHN_ABS,
  SHN_UNDEF,
  STB_WEAK,
  STT_FILE,
  STT_SECTION,
  SYM_SIZE,
} from './symbols';

/** Longest name decoded; a name running on past this is cut (hostile string tables). */
const NAME_LIMIT = 4096;
const textDecoder = new TextDecoder('utf-8');
/** One UTF-16 unit per byte, so string offsets are byte offsets. */
const latin1 = new TextDecoder('latin1');

/**
 * The symbols kallsyms would list (defined, named, in an allocated section, not `.L*`/`$*`), as
 * columns: address halves, weak flags and string-table offsets. A vmlinux has ~150k symbols and
 * only a few thousand names are ever printed, so no symbol object is made and no name is decoded
 * here; `name(i)` decodes on demand and `indexOf` compares bytes.
 */
export function readKallsymColumns(r: ByteReader, sections: readonly ElfSection[]): SymbolColumns {
  const at = locateSymtab(r, sections);
  const total = at?.count ?? 0;
  const hi = new Uint32Array(total);
  const lo = new Uint32Array(total);
  const weak = new Uint8Array(total);
  const nameAt = new Uint32Array(total);
  const bytes = r.bytes;
  const v = r.view;
  const strStart = at?.strtab.offset ?? 0;
  const strEnd = Math.min(strStart + (at?.strtab.size ?? 0), r.size);
  let n = 0;
  for (let i = 0; i < total && at; i++) {
    const o = at.symtab.offset + i * SYM_SIZE;
    const nameOff = readNameOffset(r, at, i);
    if (nameOff === 0) continue;
    const p = strStart + nameOff;
    const c0 = p < strEnd ? (bytes[p] as number) : 0;
    // Empty, `.L…` local labels and `$…` mapping symbols are not in kallsyms.
    if (c0 === 0 || c0 === 0x24 || (c0 === 0x2e && bytes[p + 1] === 0x4c)) continue;
    const shndx = v.getUint16(o + 6, true);
    if (shndx === SHN_UNDEF || shndx === SHN_ABS || shndx >= sections.length) continue;
    const info = v.getUint8(o + 4);
    const type = info & 0xf;
    if (type === STT_SECTION || type === STT_FILE) continue;
    lo[n] = v.getUint32(o + 8, true);
    hi[n] = v.getUint32(o + 12, true);
    weak[n] = info >> 4 === STB_WEAK ? 1 : 0;
    nameAt[n] = p;
    n++;
  }
  let strtabText: string | undefined;
  /** Byte-wise scan, for names the text search cannot take (non-ASCII). */
  const scanFor = (name: string): number => {
    const want = new TextEncoder().encode(name);
    const first = want[0];
    if (first === undefined) return -1;
    for (let i = 0; i < n; i++) {
      const p = nameAt[i] as number;
      if (bytes[p] !== first || p + want.length >= strEnd || bytes[p + want.length] !== 0) continue;
      let k = 1;
      while (k < want.length && bytes[p + k] === want[k]) k++;
      if (k === want.length) return i;
    }
    return -1;
  };
  const nameEnd = (p: number): number => {
    const stop = Math.min(strEnd, p + NAME_LIMIT);
    const nul = bytes.subarray(p, stop).indexOf(0);
    return nul < 0 ? stop : p + nul;
  };
  return {
    count: n,
    hi: hi.subarray(0, n),
    lo: lo.subarray(0, n),
    weak: weak.subarray(0, n),
    name: (i) => {
      const p = nameAt[i] as number;
      return textDecoder.decode(bytes.subarray(p, nameEnd(p)));
    },
    names: (indices) => {
      // One latin1 decode of the string table, then a slice per name (V8 shares the
      // characters); a name with non-ASCII bytes is decoded as UTF-8 on its own.
      strtabText ??= latin1.decode(bytes.subarray(strStart, strEnd));
      const text = strtabText;
      return Array.from(indices, (i) => {
        const p = nameAt[i] as number;
        const q = p - strStart;
        const nul = text.indexOf('\0', q);
        const end = nul < 0 || nul - q > NAME_LIMIT ? nameEnd(p) - strStart : nul;
        const name = text.slice(q, end);
        return /[\u0080-\uffff]/.test(name)
          ? textDecoder.decode(bytes.subarray(p, strStart + end))
          : name;
      });
    },
    indexOf: (name) => {
      // Native searches instead of a 150k-iteration loop (which runs cold, in the interpreter,
      // in a one-shot CLI): find `name\0` in the string table read as one char per byte, then
      // the first kept symbol naming each occurrence (linkers share string tails, so a name can
      // start inside a longer one).
      strtabText ??= latin1.decode(bytes.subarray(strStart, strEnd));
      const want = `${name}\0`;
      if (!isPlainAscii(name)) return scanFor(name);
      let best = -1;
      for (let q = strtabText.indexOf(want); q >= 0; q = strtabText.indexOf(want, q + 1)) {
        const i = nameAt.subarray(0, n).indexOf(strStart + q);
        if (i >= 0 && (best < 0 || i < best)) best = i;
      }
      return best;
    },
  };
}

/** Non-empty, 7-bit, no NUL: byte offsets and latin1 string offsets agree. */
function isPlainAscii(name: string): boolean {
  if (name === '') return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0 || c > 0x7f) return false;
  }
  return true;
}
