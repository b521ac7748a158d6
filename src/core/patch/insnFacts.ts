/**
 * Byte-level facts about one instruction that the kernel's `struct insn` exposes and the port
 * does not: legacy prefixes, REX/REX2, VEX, opcode bytes, ModRM. Enough for `insn_is_nop()` and
 * for the relocation pass's opcode switch; lengths still come from the decoder.
 */
export interface InsnFacts {
  /** First legacy prefix byte, or -1. */
  firstPrefix: number;
  hasF3: boolean;
  /** Every legacy prefix is `3e` (or there are none). */
  onlyDsPrefixes: boolean;
  /** REX byte (0x40..0x4f) or 0. */
  rex: number;
  /** REX2 payload (after `d5`) or -1. */
  rex2: number;
  vex: boolean;
  /** Offset (from the instruction start) of the first opcode byte. */
  opcodeOffset: number;
  /** Opcode bytes as the kernel sees them; REX2 map 1 is mapped to `0f xx`. */
  op0: number;
  op1: number;
  /** Offset of the ModRM byte (-1 when past the end). */
  modrmOffset: number;
}

/** The x86 legacy prefixes (operand/address size, LOCK, REP, segment overrides). */
export const isLegacyPrefix = (b: number): boolean =>
  b === 0x66 ||
  b === 0x67 ||
  b === 0xf0 ||
  b === 0xf2 ||
  b === 0xf3 ||
  b === 0x2e ||
  b === 0x36 ||
  b === 0x3e ||
  b === 0x26 ||
  b === 0x64 ||
  b === 0x65;

export function readInsnFacts(buf: Uint8Array, start: number, length: number): InsnFacts {
  const end = start + length;
  let p = start;
  let firstPrefix = -1;
  let hasF3 = false;
  let onlyDsPrefixes = true;
  while (p < end && isLegacyPrefix(buf[p] as number)) {
    const b = buf[p] as number;
    if (firstPrefix < 0) firstPrefix = b;
    if (b === 0xf3) hasF3 = true;
    if (b !== 0x3e) onlyDsPrefixes = false;
    p++;
  }
  let rex = 0;
  let rex2 = -1;
  let vex = false;
  let op0 = -1;
  let op1 = -1;
  const b = buf[p] as number;
  if (b >= 0x40 && b <= 0x4f) {
    rex = b;
    p++;
  } else if (b === 0xd5 && p + 1 < end) {
    rex2 = buf[p + 1] as number;
    p += 2;
  } else if (b === 0xc5 || b === 0xc4 || b === 0x62) {
    // 64-bit mode: always VEX/EVEX; the kernel's opcode byte is the one after the prefix.
    vex = true;
    p += b === 0xc5 ? 2 : b === 0xc4 ? 3 : 4;
  }
  const opcodeOffset = p - start;
  if (p < end) op0 = buf[p] as number;
  let modrm = p + 1;
  if (rex2 >= 0 && rex2 & 0x80) {
    op1 = op0;
    op0 = 0x0f;
  } else if (op0 === 0x0f && !vex) {
    op1 = p + 1 < end ? (buf[p + 1] as number) : -1;
    modrm = p + 2;
  }
  return {
    firstPrefix,
    hasF3,
    onlyDsPrefixes,
    rex,
    rex2,
    vex,
    opcodeOffset,
    op0,
    op1,
    modrmOffset: modrm < end ? modrm - start : -1,
  };
}
