/**
 * Byte runs that may span lines (`orig`, `alt`, `memory` and the lines below them), with a
 * check that pasted objdump addresses continue where the previous line stopped.
 */
import { formatAddr } from './addr';
import { readByteLine } from './hex';
import type { Token } from './lexer';
import type { SiteDraft } from './textDraft';

/** Reporting, from the line parser. */
export interface ByteContext {
  error(column: number, message: string, code?: string): void;
  warn(column: number, message: string, code: string): void;
}

/** Where the bytes of continuation lines go, and the address an objdump paste should show. */
export interface ByteSink {
  bytes: number[];
  /** Address of the next byte, when known, to check pasted objdump addresses against. */
  next?: bigint;
  /** First objdump address seen, for `alt` without `at`. */
  onFirstAddress?: (addr: bigint, column: number) => void;
  /** The site these bytes belong to, marked broken when they do not parse. */
  site?: SiteDraft;
  /** Address of the run's first byte, once known (an `alt` without `at` learns it at the end). */
  base?: () => bigint | undefined;
}

/** The bytes one line of the text holds and the address they live at (inline disassembly). */
export interface ByteLine {
  line: number;
  /** Undefined when the run's address could not be worked out (its statement had errors). */
  addr?: bigint;
  bytes: Uint8Array;
}

export function appendBytes(ctx: ByteContext, sink: ByteSink, tokens: Token[]): void {
  if (tokens.length === 0) return;
  const r = readByteLine(tokens);
  if ('message' in r) {
    ctx.error(r.column, r.message, 'scenario-bytes');
    if (sink.site) sink.site.broken = true;
    return;
  }
  if (r.address !== undefined) {
    if (sink.bytes.length === 0 && sink.onFirstAddress)
      sink.onFirstAddress(r.address, tokens[0]!.column);
    else if (sink.next !== undefined && r.address !== BigInt.asUintN(64, sink.next)) {
      ctx.warn(
        tokens[0]!.column,
        `pasted address ${formatAddr(r.address)} does not continue the bytes above (expected ${formatAddr(BigInt.asUintN(64, sink.next))})`,
        'scenario-address-mismatch',
      );
    }
    sink.next = r.address + BigInt(r.bytes.length);
  } else if (sink.next !== undefined) {
    sink.next += BigInt(r.bytes.length);
  }
  sink.bytes.push(...r.bytes);
}
