/**
 * iced-x86's per-instruction CPUID requirements, as plain strings (`CpuidFeature` names such as
 * `XSAVEOPT`, `SMAP`), for the `cpuid-mismatch` lint. Every wasm object is freed here.
 */
import type { Disassembler } from '../core/ports';

type Iced = typeof import('iced-x86');

/** Decode `bytes` at `ip` and list each instruction's CPUID feature names (empty for `(bad)`). */
export function makeCpuidFeatures(iced: Iced): (bytes: Uint8Array, ip: bigint) => string[][] {
  return (bytes, ip) => {
    const out: string[][] = [];
    if (bytes.length === 0) return out;
    const decoder = new iced.Decoder(64, bytes, iced.DecoderOptions.None);
    try {
      decoder.ip = ip;
      while (decoder.canDecode) {
        const insn = decoder.decode();
        try {
          out.push(
            insn.isInvalid
              ? []
              : Array.from(insn.cpuidFeatures(), (f) => iced.CpuidFeature[f] ?? `#${f}`),
          );
        } finally {
          insn.free();
        }
      }
    } finally {
      decoder.free();
    }
    return out;
  };
}

/** The same disassembler with `cpuidFeatures` filled in. */
export function withCpuidFeatures(dis: Disassembler, iced: Iced): Disassembler {
  const cpuidFeatures = makeCpuidFeatures(iced);
  return {
    disassemble: (b, ip, syntax, symbols) => dis.disassemble(b, ip, syntax, symbols),
    cpuidFeatures,
  };
}
