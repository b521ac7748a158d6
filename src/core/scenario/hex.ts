/**
 * Byte columns of the text format: plain hex (`49 0f ae`, `490fae`) or pasted
 * `objdump -d` / `debug-alternative` lines, whose address and disassembly are not bytes.
 */
import type { Token } from './lexer';

/** Bytes read from one line, and the address an objdump-style line started with. */
export interface ByteLine {
  bytes: number[];
  /** `ffffffff81283cd3:` at the start of the line (objdump, or a `debug-alternative` dump). */
  address?: bigint;
}

/** A problem at a column of the line. */
export interface ByteLineError {
  column: number;
  message: string;
}

const OBJDUMP_ADDRESS = /^(?:0x)?([0-9a-f]{1,16}):$/i;
/** `old_insn:`, `rpl_insn:`, `final_insn:` after the address of a `debug-alternative` dump. */
const DUMP_LABEL = /^[a-z_]+:$/i;
const BYTE_PAIR = /^[0-9a-f]{2}$/i;
const HEX_RUN = /^[0-9a-f]+$/i;

/** True when the token can start a byte line (so a line starting with it continues bytes). */
export function startsByteLine(token: string): boolean {
  return OBJDUMP_ADDRESS.test(token) || HEX_RUN.test(token);
}

/**
 * Read the bytes of `tokens`. An objdump line is `addr: bytes… mnemonic operands`; its byte
 * column ends at the first token that is not exactly two hex digits (the mnemonic), so the
 * disassembly is ignored. Otherwise every token must be an even-length run of hex digits.
 */
export function readByteLine(tokens: Token[]): ByteLine | ByteLineError {
  const first = tokens[0];
  const addressMatch = first ? OBJDUMP_ADDRESS.exec(first.text) : null;
  if (first && addressMatch?.[1] !== undefined) {
    let i = 1;
    if (tokens[i] && DUMP_LABEL.test(tokens[i]!.text)) i++;
    const bytes: number[] = [];
    for (; i < tokens.length && BYTE_PAIR.test(tokens[i]!.text); i++) {
      bytes.push(parseInt(tokens[i]!.text, 16));
    }
    return { bytes, address: BigInt('0x' + addressMatch[1]) };
  }
  const bytes: number[] = [];
  for (const token of tokens) {
    if (!HEX_RUN.test(token.text)) {
      return { column: token.column, message: `expected hex bytes, found '${token.text}'` };
    }
    if (token.text.length % 2 !== 0) {
      return {
        column: token.column,
        message: `expected hex bytes in pairs of digits, found '${token.text}' (odd number of digits)`,
      };
    }
    for (let i = 0; i < token.text.length; i += 2) {
      bytes.push(parseInt(token.text.slice(i, i + 2), 16));
    }
  }
  return { bytes };
}

/** `Uint8Array` → `49 0f ae 64 24 40` (lowercase, single spaces). */
export function formatHexSpaced(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
