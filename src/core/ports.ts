/**
 * The small decoder interface the core needs. Implemented with iced-x86 in `src/disasm`,
 * faked in unit tests: the core itself never loads wasm.
 */
import type { SymbolLookup } from './symbols/lookup';

/**
 * Structural facts about one decoded instruction; offsets are relative to its first byte. The
 * core reads `imm*` only for relative branches and `disp*` only with `ripRelative`, so a decoder
 * may leave them 0 for other instructions (the iced adapter does, for speed).
 */
export interface DecodedInsn {
  /** Instruction length in bytes (1 for an undecodable byte). */
  length: number;
  /** False when the bytes are not a valid instruction (the kernel decoder would fail). */
  ok: boolean;
  /** Immediate field (for near branches: the rel displacement), if any. */
  immOffset: number;
  immSize: number;
  /** Memory displacement field, if any. */
  dispOffset: number;
  dispSize: number;
  /** Has a RIP-relative memory operand. */
  ripRelative: boolean;
}

export interface InsnDecoder {
  /** Decode one 64-bit instruction starting at `bytes[offset]`, reading at most `end`. */
  decode(bytes: Uint8Array, offset: number, end: number): DecodedInsn;
}

/** One formatted instruction, for reports and the UI. */
export interface FormattedInsn {
  /** Offset within the byte run. */
  offset: number;
  length: number;
  /** e.g. `xsaveopt64 0x40(%r12)`; `(bad)` when invalid. */
  text: string;
  ok: boolean;
  /** Near branch/call target (absolute), for symbol references. */
  branchTarget?: bigint;
  /** Address a RIP-relative memory operand reads, for the `# addr <sym>` comment. */
  ripTarget?: bigint;
}

export type AsmSyntax = 'att' | 'intel';

/** Disassembly for display: plain objects only, never wasm handles. */
export interface Disassembler {
  /** With `symbols`, targets are named objdump-style (`call ffffffff8223d5c0 <BUG_func>`). */
  disassemble(
    bytes: Uint8Array,
    ip: bigint,
    syntax?: AsmSyntax,
    symbols?: SymbolLookup,
  ): FormattedInsn[];
  /** CPUID feature names iced-x86 reports per instruction (for lints). */
  cpuidFeatures?(bytes: Uint8Array, ip: bigint): string[][];
}

/** Where an assembler error is: 1-based line and column inside the assembled text. */
export interface AsmError {
  line: number;
  column: number;
  /** Says what was expected, e.g. `expected a register after '%'`. */
  message: string;
}

/** One assembled instruction: its place in the output and the text it came from. */
export interface AsmInsn {
  offset: number;
  length: number;
  line: number;
}

export type AsmResult =
  { ok: true; bytes: Uint8Array; insns: AsmInsn[] } | { ok: false; error: AsmError };

export interface AsmOptions {
  /** AT&T (the kernel's syntax, default) or Intel. */
  syntax?: AsmSyntax;
  /** Names a `call`/`jmp` or `sym(%rip)` operand may use (the scenario's symbols). */
  symbols?: ReadonlyMap<string, bigint>;
}

/**
 * Assembles the instructions an alternative holds (`;` or newlines between them, local labels
 * `1:`/`1f`/`1b` inside one text) at `address`. Implemented with iced-x86's encoder in
 * `src/disasm/asm`; plain data in and out.
 */
export interface Assembler {
  assemble(text: string, address: bigint, options?: AsmOptions): AsmResult;
}
