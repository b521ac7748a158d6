/**
 * Make `fixtures/btf/pv_ops-7.2.btf`: the part of a kernel's `.BTF` that names `pv_ops` slots —
 * `struct paravirt_patch_template`, `struct pv_lock_ops` (7.2's `pv_ops_lock`) and the structs/unions/arrays inside it — with every other
 * type (function pointers, ints) replaced by `void *` or a plain int, so the file is a few KB.
 *
 *   npx tsx scripts/makeBtfFixture.ts DECOMPRESSED_VMLINUX fixtures/btf/pv_ops-7.2.btf
 *
 * (DECOMPRESSED_VMLINUX: the 7.2 capture's vmlinuz payload, e.g. `zstd -d` of its zstd stream.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ByteReader } from '../src/binary/byteReader';
import { readElfHeader, readSections } from '../src/binary/elf/header';
import { BTF_KIND, readBtf, typeName, type Btf } from '../src/binary/btf/types';
import { findNamedType, membersOf, resolveType, typeSize } from '../src/binary/btf/members';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: makeBtfFixture.ts VMLINUX OUT.btf');
const bytes = new Uint8Array(readFileSync(input));
const r = new ByteReader(bytes);
const sec = readSections(r, readElfHeader(r)).find((s) => s.name === '.BTF');
if (!sec) throw new Error(`${input} has no .BTF`);
const btf = readBtf(bytes.subarray(sec.offset, sec.offset + sec.size));

const strings: string[] = [''];
const strOff = new Map<string, number>([['', 0]]);
let strLen = 1;
const str = (s: string): number => {
  let o = strOff.get(s);
  if (o === undefined) {
    o = strLen;
    strOff.set(s, o);
    strings.push(s);
    strLen += Buffer.byteLength(s) + 1;
  }
  return o;
};
/** Output types as u32 words; ids start at 1. */
const out: number[][] = [];
const add = (words: number[]): number => out.push(words);
const info = (kind: number, vlen: number, kflag = 0) => ((kflag << 31) | (kind << 24) | vlen) >>> 0;
const VOID_PTR = add([0, info(BTF_KIND.PTR, 0), 0]);
const LONG = add([str('long'), info(BTF_KIND.INT, 0), 8, 0x01000040]);
const mapped = new Map<number, number>();

/** Copy a struct/union (or array) with its members; anything else becomes void * or long. */
function copy(src: Btf, id: number): number {
  const t = resolveType(src, id);
  const kind = t ? (src.kind[t] as number) : 0;
  if (kind === BTF_KIND.STRUCT || kind === BTF_KIND.UNION) {
    const done = mapped.get(t);
    if (done) return done;
    const at = add([]);
    mapped.set(t, at);
    const ms = membersOf(src, t).map((m) => [str(m.name), copy(src, m.type), m.bits]);
    out[at - 1] = [
      str(typeName(src, t)),
      info(kind, ms.length),
      src.sizeOrType[t] as number,
      ...ms.flat(),
    ];
    return at;
  }
  if (kind === BTF_KIND.ARRAY) {
    const o = src.extra[t] as number;
    const elem = copy(src, src.r.u32(o, 'elem'));
    return add([0, info(BTF_KIND.ARRAY, 0), 0, elem, LONG, src.r.u32(o + 8, 'nelems')]);
  }
  return typeSize(src, t) === 8 && kind === BTF_KIND.PTR ? VOID_PTR : LONG;
}

for (const name of ['paravirt_patch_template', 'pv_lock_ops']) {
  const root = findNamedType(btf, BTF_KIND.STRUCT, name);
  if (!root) throw new Error(`no struct ${name}`);
  copy(btf, root);
}
const typeBytes = Buffer.from(Uint32Array.from(out.flat()).buffer);
const strBytes = Buffer.from(strings.map((s) => `${s}\0`).join(''), 'utf8');
const header = Buffer.alloc(24);
header.writeUInt16LE(0xeb9f, 0);
header.writeUInt8(1, 2);
header.writeUInt32LE(24, 4);
header.writeUInt32LE(0, 8);
header.writeUInt32LE(typeBytes.length, 12);
header.writeUInt32LE(typeBytes.length, 16);
header.writeUInt32LE(strBytes.length, 20);
writeFileSync(output, Buffer.concat([header, typeBytes, strBytes]));
console.log(`${output}: ${out.length} types, ${24 + typeBytes.length + strBytes.length} bytes`);
