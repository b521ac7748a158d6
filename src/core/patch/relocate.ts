import type { Addr } from '../model';
import type { InsnDecoder } from '../ports';
import type { Relocation } from './report';
import { addrDiff32, readSigned, writeSigned } from './bytes';
import { readInsnFacts } from './insnFacts';

/** model.ts's toAddr, repeated: profiles load this module while model.ts is loading. */
const toAddr = (v: bigint): Addr => BigInt.asUintN(64, v) as Addr;

/** Why relocation stopped early; the kernel BUGs on `overflow`, WARNs on `undecodable`. */
export type RelocationStop =
  | { kind: 'overflow'; offset: number; width: number; value: number }
  | { kind: 'undecodable'; offset: number };

export interface RelocationResult {
  relocations: Relocation[];
  stop?: RelocationStop;
}

/** `need_reloc()`: a target exactly at the end of the replacement counts as inside. */
function needsReloc(t: number, replLen: number): boolean {
  return t < 0 || t > replLen;
}

const isRelBranch = (op0: number, op1: number): boolean =>
  (op0 >= 0x70 && op0 <= 0x7f) ||
  op0 === 0xeb ||
  op0 === 0xe9 ||
  op0 === 0xe8 ||
  (op0 === 0x0f && op1 >= 0x80 && op1 <= 0x8f);

/**
 * `__apply_relocation()` (6.4+): the replacement was copied from `repl` to the site at `instr`, so
 * every relative field whose target lies outside the replacement gets `repl - instr` added.
 * A target exactly at the end of the replacement counts as inside (`t > repl_len`). Every `e9`
 * is then considered for shrinking to `eb`, computed from the decoded (pre-relocation)
 * displacement + diff + 3 — whether or not it was relocated, which is why internal jmp32s never
 * shrink. 8/16-bit fields that no longer fit stop here with `overflow` (the kernel BUGs).
 */
export function relocateReplacement(
  buf: Uint8Array,
  len: number,
  instr: Addr,
  repl: Addr,
  replLen: number,
  decoder: InsnDecoder,
): RelocationResult {
  const relocations: Relocation[] = [];
  const diff = addrDiff32(repl, instr);
  for (let i = 0, next = 0; i < len; i = next) {
    const insn = decoder.decode(buf, i, len);
    if (!insn.ok) return { relocations, stop: { kind: 'undecodable', offset: i } };
    next = i + insn.length;
    const f = readInsnFacts(buf, i, insn.length);
    if (isRelBranch(f.op0, f.op1) && insn.immSize > 0) {
      const at = i + insn.immOffset;
      const imm = readSigned(buf, at, insn.immSize);
      if (needsReloc(next + imm, replLen)) {
        const value = (imm + diff) | 0;
        const width = insn.immSize;
        if (width < 4 && value >> 31 !== value >> (width * 8 - 1)) {
          return { relocations, stop: { kind: 'overflow', offset: i, width, value } };
        }
        writeSigned(buf, at, width, value);
        relocations.push({
          offset: i,
          kind: 'branch',
          fieldOffset: at,
          width,
          oldDisp: imm,
          newDisp: width === 4 ? value : readSigned(buf, at, width),
          target: toAddr(instr + BigInt(next + value)),
        });
      }
      if (f.op0 === 0xe9) shrinkJmp32(buf, i, insn.length, imm, diff, instr, relocations);
    }
    if (insn.ripRelative && insn.dispSize > 0) {
      const at = i + insn.dispOffset;
      const disp = readSigned(buf, at, insn.dispSize);
      if (needsReloc(next + disp, replLen)) {
        const width = insn.dispSize;
        const value = (disp + diff) | 0;
        if (width < 4 && value >> 31 !== value >> (width * 8 - 1)) {
          return { relocations, stop: { kind: 'overflow', offset: i, width, value } };
        }
        writeSigned(buf, at, width, value);
        relocations.push({
          offset: i,
          kind: 'rip-relative',
          fieldOffset: at,
          width,
          oldDisp: disp,
          newDisp: value,
          target: toAddr(instr + BigInt(next + value)),
        });
      }
    }
  }
  return { relocations };
}

/** JMP.d32 → JMP.d8 + INT3 fill when `(s32)(imm + diff + 3)` fits in a signed byte. */
function shrinkJmp32(
  buf: Uint8Array,
  i: number,
  length: number,
  imm: number,
  diff: number,
  instr: Addr,
  relocations: Relocation[],
): void {
  const s = (imm + diff + 3) | 0;
  if (s >> 31 !== s >> 7) return;
  buf[i] = 0xeb;
  buf[i + 1] = s & 0xff;
  buf.fill(0xcc, i + 2, i + length);
  const last = relocations[relocations.length - 1];
  const target = toAddr(instr + BigInt(i + 2 + s));
  if (last && last.offset === i && last.kind === 'branch') {
    last.shrunk = true;
    last.newDisp = s;
    last.width = 1;
    last.fieldOffset = i + 1;
    last.target = target;
  } else {
    relocations.push({
      offset: i,
      kind: 'branch',
      fieldOffset: i + 1,
      width: 1,
      oldDisp: imm,
      newDisp: s,
      target,
      shrunk: true,
    });
  }
}
