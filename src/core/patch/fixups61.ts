import type { Addr, AltEntry } from '../model';
import { addrDiff32, formatPx, readS32, writeS32 } from './bytes';
import { addNops61 } from './nops61';
import type { Relocation } from './report';

/** What 6.1 did to a copied replacement: the relocations and its DPRINTK lines (no prefix). */
export interface Fixups61 {
  relocations: Relocation[];
  lines: string[];
}

const asAddr = (v: bigint): Addr => BigInt.asUintN(64, v) as Addr;
const hex = (v: number): string => (v >>> 0).toString(16);

/**
 * 6.1's only relocation: a replacement that is exactly one 5-byte `e8` gets `repl - instr` added
 * ("Fix CALL offset"), and one whose first byte is `eb`/`e9` goes through `recompute_jump()`.
 * Nothing else moves (jcc, RIP-relative operands, later calls are copied verbatim).
 */
export function fixupCallAndJump(buf: Uint8Array, e: AltEntry): Fixups61 {
  const out: Fixups61 = { relocations: [], lines: [] };
  const len = e.replacementlen;
  if (len === 5 && buf[0] === 0xe8) {
    const old = readS32(buf, 1);
    const v = (old + addrDiff32(e.repl, e.instr)) | 0;
    writeS32(buf, 1, v);
    const target = asAddr(e.instr + BigInt(v) + 5n);
    out.lines.push(`Fix CALL offset: 0x${hex(v)}, CALL 0x${target.toString(16)}`);
    out.relocations.push({
      offset: 0,
      kind: 'branch',
      fieldOffset: 1,
      width: 4,
      oldDisp: old,
      newDisp: v,
      target,
    });
  }
  if (len > 0 && (e.replacement[0] === 0xeb || e.replacement[0] === 0xe9))
    recomputeJump(buf, e, out);
  return out;
}

/**
 * `recompute_jump()`: only for a 5-byte replacement; reads a rel32 at byte 1 even after `eb`.
 * A forward target within reach becomes `eb rel8` + a 3-byte NOP; a backward one never does
 * (`((n - 2) & 0xff) == (n - 2)` is false for negative n).
 */
function recomputeJump(buf: Uint8Array, e: AltEntry, out: Fixups61): void {
  if (e.replacementlen !== 5) return;
  const o = readS32(buf, 1);
  const tgt = asAddr(e.repl + 5n + BigInt(o));
  const delta = BigInt.asIntN(64, tgt - e.instr);
  let n = Number(BigInt.asIntN(32, delta));
  out.lines.push(`target RIP: ${formatPx(tgt)}, new_displ: 0x${hex(n)}`);
  const short = delta >= 0n ? n - 2 <= 127 : ((n - 2) & 0xff) === n - 2;
  let size: number;
  if (short) {
    n -= 2;
    buf[0] = 0xeb;
    buf[1] = n & 0xff;
    addNops61(buf, 2, 3);
    size = 2;
  } else {
    n = (n - 5) | 0;
    buf[0] = 0xe9;
    writeS32(buf, 1, n);
    size = 5;
  }
  const jmp = asAddr(e.instr + BigInt(n) + BigInt(size));
  out.lines.push(`final displ: 0x${hex(n).padStart(8, '0')}, JMP 0x${jmp.toString(16)}`);
  out.relocations.push({
    offset: 0,
    kind: 'branch',
    fieldOffset: 1,
    width: size === 2 ? 1 : 4,
    oldDisp: o,
    newDisp: n,
    target: jmp,
    ...(size === 2 ? { shrunk: true } : {}),
  });
}
