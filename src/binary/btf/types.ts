/**
 * The BTF type section as columns: per type id its kind, name, size-or-type word, vlen, kind
 * flag, and where its trailing data starts. One pass, bounds-checked; members are read on demand.
 */
import { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';
import { readBtfHeader, type BtfHeader } from './header';

export const BTF_KIND = {
  INT: 1,
  PTR: 2,
  ARRAY: 3,
  STRUCT: 4,
  UNION: 5,
  ENUM: 6,
  FWD: 7,
  TYPEDEF: 8,
  VOLATILE: 9,
  CONST: 10,
  RESTRICT: 11,
  FUNC: 12,
  FUNC_PROTO: 13,
  VAR: 14,
  DATASEC: 15,
  FLOAT: 16,
  DECL_TAG: 17,
  TYPE_TAG: 18,
  ENUM64: 19,
} as const;

/** Bytes after `struct btf_type` (12 bytes): [fixed, per vlen element], by kind. */
const TRAILER: Record<number, [number, number]> = {
  1: [4, 0],
  3: [12, 0],
  4: [0, 12],
  5: [0, 12],
  6: [0, 8],
  13: [0, 8],
  14: [4, 0],
  15: [0, 12],
  17: [4, 0],
  19: [0, 12],
};
const KNOWN_KINDS = 19;
/** More types than BTF_MAX_TYPE cannot be named by a type id. */
const MAX_TYPES = 0xfffff;

/** A parsed `.BTF` section. Type id 0 is `void`; ids 1…count-1 index the columns. */
export interface Btf {
  r: ByteReader;
  header: BtfHeader;
  count: number;
  kind: Uint8Array;
  kflag: Uint8Array;
  vlen: Uint32Array;
  nameOff: Uint32Array;
  /** `size` for INT/ENUM/STRUCT/UNION/DATASEC/ENUM64, else a referenced type id. */
  sizeOrType: Uint32Array;
  /** Offset of the trailing data (members, array info…). */
  extra: Uint32Array;
}

/**
 * Read a `.BTF` section's header and type table. Throws ReadAbort on malformed input. Two
 * passes (check and count, then fill typed arrays): growing six number arrays for a kernel's
 * ~150k types allocated ~20 MB that outlived the read (issue 13).
 */
export function readBtf(section: Uint8Array): Btf {
  const r = new ByteReader(section);
  const header = readBtfHeader(r);
  const end = header.typeStart + header.typeLen;
  let count = 1;
  for (let o = header.typeStart; o < end; count++) o = checkType(r, header, o, end, count);
  const btf: Btf = {
    r,
    header,
    count,
    kind: new Uint8Array(count),
    kflag: new Uint8Array(count),
    vlen: new Uint32Array(count),
    nameOff: new Uint32Array(count),
    sizeOrType: new Uint32Array(count),
    extra: new Uint32Array(count),
  };
  let o = header.typeStart;
  for (let id = 1; id < count; id++) {
    const info = r.u32(o + 4, 'btf_type.info');
    const kind = (info >>> 24) & 0x7f;
    const vlen = info & 0xffffff;
    btf.kind[id] = kind;
    btf.kflag[id] = info >>> 31;
    btf.vlen[id] = vlen;
    btf.nameOff[id] = r.u32(o, 'btf_type.name_off');
    btf.sizeOrType[id] = r.u32(o + 8, 'btf_type.size');
    btf.extra[id] = o + 12;
    const [fixed, each] = trailerOf(r, header, kind, o);
    o += 12 + fixed + each * vlen;
  }
  return btf;
}

/** Check type `id` at `o` (it lies inside the section, names a string): where the next starts. */
function checkType(r: ByteReader, header: BtfHeader, o: number, end: number, id: number): number {
  if (id > MAX_TYPES)
    throw new ReadAbort(offsetError('btf-types', 'more BTF types than type ids', o, 'btf_type'));
  if (o + 12 > end)
    throw new ReadAbort(
      offsetError('btf-truncated', 'btf_type runs past the type section', o, 'btf_type'),
    );
  const info = r.u32(o + 4, 'btf_type.info');
  const kind = (info >>> 24) & 0x7f;
  const vlen = info & 0xffffff;
  const [fixed, each] = trailerOf(r, header, kind, o);
  const next = o + 12 + fixed + each * vlen;
  if (next > end)
    throw new ReadAbort(
      offsetError(
        'btf-truncated',
        `BTF type ${id} (kind ${kind}, vlen ${vlen}) runs past the type section`,
        o,
        'btf_type',
      ),
    );
  const nameOff = r.u32(o, 'btf_type.name_off');
  if (nameOff >= header.strLen && nameOff !== 0)
    throw new ReadAbort(
      offsetError('btf-name', `BTF name_off ${nameOff} is outside the strings`, o, 'name_off'),
    );
  return next;
}

/** Trailer sizes of a kind; kinds newer than this reader come from the layout section. */
function trailerOf(r: ByteReader, h: BtfHeader, kind: number, at: number): [number, number] {
  if (kind >= 1 && kind <= KNOWN_KINDS) return TRAILER[kind] ?? [0, 0];
  if (kind > 0 && h.layoutLen >= (kind + 1) * 4) {
    const l = h.layoutStart + kind * 4;
    return [r.u8(l, 'btf_layout.info_sz'), r.u8(l + 1, 'btf_layout.elem_sz')];
  }
  throw new ReadAbort(offsetError('btf-kind', `unknown BTF kind ${kind}`, at + 4, 'btf_type.info'));
}

/** A string from the string section (bounded, NUL-terminated). */
export function btfString(btf: Btf, off: number): string {
  const { strStart, strLen } = btf.header;
  if (off >= strLen) return '';
  return btf.r.cstring(strStart + off, strStart + strLen, 'BTF string', 1024);
}

/** Name of type `id` ('' when anonymous or out of range). */
export function typeName(btf: Btf, id: number): string {
  return id > 0 && id < btf.count ? btfString(btf, btf.nameOff[id] as number) : '';
}
