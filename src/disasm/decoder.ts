/**
 * The core's InsnDecoder port, implemented with iced-x86 (64-bit).
 *
 * Speed: iced copies its input when a Decoder is made, so one Decoder is kept per byte buffer
 * and reused while the bytes from the requested offset to `end` are unchanged (the patch loops
 * decode the same buffer forward many times and only rewrite bytes already passed). One
 * Instruction object is reused for every decode; the ConstantOffsets object is freed at once.
 *
 * Known difference from the kernel decoder: iced refuses an instruction that runs past `end`,
 * whereas the kernel's insn_decode_kernel() reads up to 15 bytes past the site into its scratch
 * buffer; and iced's validity rules (e.g. reserved encodings, some prefixes on `nop`) can differ
 * on odd bytes. Real kernels' sites never hit either (see the capture tests).
 */
import * as icedModule from 'iced-x86';
import type { DecodedInsn, InsnDecoder } from '../core/ports';

type Iced = typeof icedModule;

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
      const co = decoder.getConstantOffsets(insn);
      const out: DecodedInsn = {
        length,
        ok: true,
        immOffset: co.immediateOffset,
        immSize: co.immediateSize,
        dispOffset: co.displacementOffset,
        dispSize: co.displacementSize,
        ripRelative: insn.isIpRelMemoryOperand,
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

const invalid = (): DecodedInsn => ({
  length: 1,
  ok: false,
  immOffset: 0,
  immSize: 0,
  dispOffset: 0,
  dispSize: 0,
  ripRelative: false,
});

/** A decoder over the statically imported iced-x86 (Node, CLI, tests, workers). */
export function createDecoder(): IcedInsnDecoder {
  return makeIcedDecoder(icedModule);
}
