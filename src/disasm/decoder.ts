/**
 * The core's InsnDecoder port, implemented with iced-x86 (64-bit).
 *
 * Speed: iced copies its input when a Decoder is made, so one Decoder is kept per byte buffer
 * and reused while the bytes from the requested offset to `end` are unchanged (the patch loops
 * decode the same buffer forward many times and only rewrite bytes already passed). One
 * Instruction object is reused for every decode; constant offsets are only read for relative
 * branches and RIP-relative instructions (the ConstantOffsets object is freed at once).
 *
 * Known difference from the kernel decoder: iced refuses an instruction that runs past `end`,
 * whereas the kernel's insn_decode_kernel() reads up to 15 bytes past the site into its scratch
 * buffer; and iced's validity rules (e.g. reserved encodings, some prefixes on `nop`) can differ
 * on odd bytes. Real kernels' sites never hit either (see the capture tests).
 */
import type { DecodedInsn, InsnDecoder } from '../core/ports';
import { isLegacyPrefix } from '../core/patch/insnFacts';

type Iced = typeof import('iced-x86');

/** A decoder that must be freed when done (`dispose`); `decode` matches the port. */
export interface IcedInsnDecoder extends InsnDecoder {
  dispose(): void;
}

export function makeIcedDecoder(iced: Iced): IcedInsnDecoder {
  let decoder: InstanceType<Iced['Decoder']> | undefined;
  let data = new Uint8Array(0);
  const insn = new iced.Instruction();
  const bitness = 64;

  const sameWindow = (bytes: Uint8Array, offset: number, end: number): boolean => {
    if (data.length !== end) return false;
    for (let i = offset; i < end; i++) if (data[i] !== bytes[i]) return false;
    return true;
  };

  return {
    decode(bytes: Uint8Array, offset: number, end: number): DecodedInsn {
      const limit = Math.min(end, bytes.length);
      if (offset >= limit) return invalid();
      if (!decoder || !sameWindow(bytes, offset, limit)) {
        decoder?.free();
        data = bytes.slice(0, limit);
        decoder = new iced.Decoder(bitness, data, iced.DecoderOptions.None);
      }
      decoder.position = offset;
      decoder.decodeOut(insn);
      if (insn.isInvalid) return invalid();
      const length = insn.length;
      const ripRelative = insn.isIpRelMemoryOperand;
      // ConstantOffsets is a wasm allocation plus five calls: only fetched where the core
      // reads the fields (relative branches, RIP-relative operands); see ports.ts.
      if (!ripRelative && !mayBeRelativeBranch(bytes, offset, offset + length)) {
        return {
          length,
          ok: true,
          immOffset: 0,
          immSize: 0,
          dispOffset: 0,
          dispSize: 0,
          ripRelative,
        };
      }
      const co = decoder.getConstantOffsets(insn);
      const out: DecodedInsn = {
        length,
        ok: true,
        immOffset: co.immediateOffset,
        immSize: co.immediateSize,
        dispOffset: co.displacementOffset,
        dispSize: co.displacementSize,
        ripRelative,
      };
      co.free();
      return out;
    },
    dispose() {
      decoder?.free();
      decoder = undefined;
      insn.free();
    },
  };
}

/**
 * Opcode bytes of a relative branch (jcc, jmp, call, loop/jrcxz, `0f 8x`) after legacy and REX
 * prefixes; anything unusual (VEX/EVEX, REX2) answers true so its offsets are read.
 */
function mayBeRelativeBranch(bytes: Uint8Array, start: number, end: number): boolean {
  let p = start;
  for (; p < end; p++) {
    const b = bytes[p] as number;
    const legacy = isLegacyPrefix(b);
    if (!legacy && (b & 0xf0) !== 0x40) break;
  }
  const op = bytes[p] as number;
  if (op === 0x0f) {
    const op1 = bytes[p + 1] as number;
    return op1 >= 0x80 && op1 <= 0x8f;
  }
  return (
    (op >= 0x70 && op <= 0x7f) ||
    (op >= 0xe0 && op <= 0xe3) ||
    op === 0xe8 ||
    op === 0xe9 ||
    op === 0xeb ||
    op === 0xc4 ||
    op === 0xc5 ||
    op === 0x62 ||
    op === 0xd5
  );
}

const invalid = (): DecodedInsn => ({
  length: 1,
  ok: false,
  immOffset: 0,
  immSize: 0,
  dispOffset: 0,
  dispSize: 0,
  ripRelative: false,
});
