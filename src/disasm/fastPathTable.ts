/**
 * The opcode tables of the fast-path length decoder (`fastPath.ts`): how each x86-64 opcode
 * continues (ModRM, immediate size, branch) and which prefixes and ModRM forms it is taken with.
 * An opcode absent here (`Op.No`) is left to iced-x86.
 */
/** How an opcode continues: operand encoding, immediate, and what prefixes it tolerates. */
export const enum Op {
  /** Not handled here: ask the fallback. */
  No = 0,
  /** No ModRM, no immediate. */
  Bare,
  /** ModRM, no immediate. */
  ModRm,
  /** ModRM + imm8. */
  ModRmIb,
  /** ModRM + imm32 (imm16 with 66). */
  ModRmIz,
  /** imm8. */
  Ib,
  /** imm16. */
  Iw,
  /** imm32 (imm16 with 66). */
  Iz,
  /** imm32, imm16 with 66, imm64 with REX.W (`mov r, imm`). */
  Iv,
  /** rel8 branch. */
  Rel8,
  /** rel32 branch. */
  Rel32,
  /** ModRM that must be a memory operand (`lea`). */
  ModRmMem,
  /** ModRM whose reg field must be 0 (`pop r/m`, `mov r/m, imm`), imm per the opcode. */
  Group0,
  /** Group 2 shifts: reg 6 is an undocumented alias, left to the fallback. */
  Shift,
  /** Group 3 (`test`/`not`/…/`idiv`): imm only for reg 0; reg 1 left to the fallback. */
  Group3,
  /** Group 4/5 (`inc`/`dec`/`call`/`jmp`/`push` r/m): reg 0,1,2,4,6 only. */
  Group45,
  /** `mov` to/from a segment register: reg names one (`8e` never loads cs). */
  Sreg,
}

/** Opcode classes of the one-byte map (64-bit mode). */
export const ONE = new Uint8Array(256);
/** One-byte opcodes that may carry a 66 prefix here (operand size only changes immediates). */
export const ONE_OPSIZE = new Uint8Array(256);
/** Opcode classes of the `0f xx` map, without 66/f2/f3 (which select other instructions). */
export const TWO = new Uint8Array(256);

const set = (table: Uint8Array, ops: readonly number[], kind: Op): void => {
  for (const op of ops) table[op] = kind;
};
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

// ALU rows 00–3f: r/m,r and r,r/m forms; al,imm8 and eax,imm32.
for (let row = 0; row < 8; row++) {
  const base = row * 8;
  set(ONE, [base, base + 1, base + 2, base + 3], Op.ModRm);
  ONE[base + 4] = Op.Ib;
  ONE[base + 5] = Op.Iz;
  for (const o of range(base, base + 5)) ONE_OPSIZE[o] = 1;
}
set(ONE, range(0x50, 0x5f), Op.Bare);
set(ONE, [0x63, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b], Op.ModRm);
set(ONE, [0x68], Op.Iz);
set(ONE, [0x69], Op.ModRmIz);
set(ONE, [0x6a], Op.Ib);
set(ONE, [0x6b], Op.ModRmIb);
set(ONE, range(0x70, 0x7f), Op.Rel8);
set(ONE, [0x80, 0x83], Op.ModRmIb);
set(ONE, [0x81], Op.ModRmIz);
set(ONE, [0x8d], Op.ModRmMem);
set(ONE, [0x8c, 0x8e], Op.Sreg);
set(ONE, [0x8f], Op.Group0);
set(ONE, range(0x90, 0x99), Op.Bare);
set(ONE, [0x9c, 0x9d], Op.Bare);
set(ONE, [0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf], Op.Bare);
set(ONE, [0xa8], Op.Ib);
set(ONE, [0xa9], Op.Iz);
set(ONE, range(0xb0, 0xb7), Op.Ib);
set(ONE, range(0xb8, 0xbf), Op.Iv);
set(ONE, [0xc0, 0xc1], Op.Shift);
set(ONE, [0xc2], Op.Iw);
set(
  ONE,
  [0xc3, 0xc9, 0xcc, 0xec, 0xed, 0xee, 0xef, 0xf4, 0xf5, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd],
  Op.Bare,
);
set(ONE, [0xc6, 0xc7], Op.Group0);
set(ONE, [0xcd], Op.Ib);
set(ONE, [0xd0, 0xd1, 0xd2, 0xd3], Op.Shift);
set(ONE, [0xe8, 0xe9], Op.Rel32);
set(ONE, [0xeb], Op.Rel8);
set(ONE, [0xf6, 0xf7], Op.Group3);
set(ONE, [0xfe, 0xff], Op.Group45);
for (const o of [
  ...[0x63, 0x69, 0x6b, 0x80, 0x81, 0x83, 0x8d, 0x8f, 0xc6, 0xc7],
  ...range(0x84, 0x8b),
  ...range(0x50, 0x5f),
  ...range(0x90, 0x99),
  ...range(0xb8, 0xbf),
  ...[0xc0, 0xc1, 0xd0, 0xd1, 0xd2, 0xd3, 0xf6, 0xf7],
])
  ONE_OPSIZE[o] = 1;

set(TWO, [0x05, 0x06, 0x07, 0x08, 0x09, 0x0b, 0x30, 0x31, 0x32, 0x33, 0xa2], Op.Bare);
set(TWO, [0xa0, 0xa1, 0xa8, 0xa9], Op.Bare);
set(TWO, range(0xc8, 0xcf), Op.Bare);
set(TWO, range(0x40, 0x4f), Op.ModRm);
set(TWO, range(0x80, 0x8f), Op.Rel32);
set(TWO, [0xa3, 0xa5, 0xab, 0xad, 0xaf, 0xb0, 0xb1, 0xb3, 0xbb], Op.ModRm);
set(TWO, [0xb6, 0xb7, 0xbe, 0xbf, 0xc0, 0xc1], Op.ModRm);
set(TWO, [0xa4, 0xac], Op.ModRmIb);
set(TWO, [0x1f], Op.Group0);

/**
 * `0f 01` register forms handled here (no prefixes): clac, stac, rdtscp, xgetbv, xsetbv, swapgs,
 * vmcall, vmmcall.
 */
export const OF01_REG = new Set([0xca, 0xcb, 0xf9, 0xd0, 0xd1, 0xf8, 0xc1, 0xd9]);
/** `0f ae` register forms (no prefixes): lfence, mfence, sfence. */
export const OFAE_REG = new Set([0xe8, 0xf0, 0xf8]);
/**
 * `0f xx` opcodes taken only with a memory operand, and the reg fields (bits) valid then:
 * verw (`0f 00 /5`), prefetch/prefetchw/prefetchwt1 (`0f 0d /0–2`), prefetchnta…t2
 * (`0f 18 /0–3`), fxsave…clflush and xsave64 (`0f ae`), cmpxchg8b/16b (`0f c7 /1`).
 */
export const MEM_ONLY = new Map([
  [0x00, 0x20],
  [0x0d, 0x07],
  [0x18, 0x0f],
  [0xae, 0xff],
  [0xc7, 0x02],
]);
