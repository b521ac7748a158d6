/**
 * Addresses and numbers in the text format: `0xffffffff81283cd3`, a bare 16-digit
 * `ffffffff81283cd3` (as objdump and `%px` print them), or `symbol`, `symbol+0x40`,
 * `symbol-8` for a symbol declared earlier (e.g. a `pv_ops` slot).
 */
import type { Addr } from '../model';
import { toAddr } from '../model';

export type AddrParse = { ok: true; value: Addr } | { ok: false; message: string };

const HEX_ADDR = /^0x([0-9a-f]{1,16})$/i;
const BARE_ADDR = /^([0-9a-f]{16})$/i;
const SYMBOL_EXPR = /^([A-Za-z_.$][\w.$]*)(?:([+-])(0x[0-9a-f]+|\d+))?$/i;
/** Symbol names as the kernel spells them. */
export const SYMBOL_NAME = /^[A-Za-z_.$][\w.$]*$/;

/** Parse an address expression; symbols must already be declared. */
export function parseAddrExpr(text: string, symbols: ReadonlyMap<string, Addr>): AddrParse {
  const hex = HEX_ADDR.exec(text) ?? BARE_ADDR.exec(text);
  if (hex?.[1] !== undefined) return { ok: true, value: toAddr(BigInt('0x' + hex[1])) };
  const sym = SYMBOL_EXPR.exec(text);
  if (sym?.[1] !== undefined) {
    const base = symbols.get(sym[1]);
    if (base === undefined) {
      return {
        ok: false,
        message: `unknown symbol '${sym[1]}' (declare it first: symbol ${sym[1]} 0x…)`,
      };
    }
    const offset = sym[3] === undefined ? 0n : BigInt(sym[3]);
    return { ok: true, value: toAddr(sym[2] === '-' ? base - offset : base + offset) };
  }
  return {
    ok: false,
    message: `expected an address (0x… or symbol+0x…), found '${text}'`,
  };
}

/** A small non-negative number: decimal or `0x` hex. Undefined when `text` is not one. */
export function parseSmallNumber(text: string): number | undefined {
  if (/^\d{1,9}$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]{1,8}$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return undefined;
}

/** `0x`-prefixed lowercase hex, the way every altscope output spells an address. */
export function formatAddr(addr: bigint): string {
  return '0x' + addr.toString(16);
}
