import type { Addr, ParavirtSite } from '../model';
import type { JsonPath } from './jsonLocate';

/** The part of json.ts's reader this needs. */
export interface ParavirtReader {
  error(path: JsonPath, message: string): void;
  addr(v: unknown, path: JsonPath): Addr | undefined;
  hex(v: unknown, path: JsonPath): Uint8Array | undefined;
  array(v: unknown, path: JsonPath, what: string): unknown[];
}

const SHAPE = 'expected {"addr": "0x…", "type": 0..255, "bytes": "hex"}';

/**
 * `"paravirt"`: 6.1's `.parainstructions` sites (`type` = the `pv_ops` slot index, `bytes` =
 * the call as in the image, its length = `len`). Their slots go in `"memory"` and `pv_ops`,
 * `_paravirt_nop`, `paravirt_BUG` in `"symbols"`.
 */
export function readParavirtSites(r: ParavirtReader, v: unknown): ParavirtSite[] {
  const out: ParavirtSite[] = [];
  r.array(v, ['paravirt'], 'paravirt sites').forEach((p, i) => {
    const path = ['paravirt', i];
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return void r.error(path, SHAPE);
    const o = p as Record<string, unknown>;
    const addr = r.addr(o.addr, [...path, 'addr']);
    const bytes = r.hex(o.bytes, [...path, 'bytes']);
    const type = o.type;
    if (typeof type !== 'number' || !Number.isInteger(type) || type < 0 || type > 255)
      return void r.error(
        [...path, 'type'],
        `expected a pv_ops slot index 0..255, got ${JSON.stringify(type)}`,
      );
    if (bytes && (bytes.length === 0 || bytes.length > 255))
      return void r.error(
        [...path, 'bytes'],
        `a paravirt site is 1..255 bytes (u8 len), not ${bytes.length}`,
      );
    if (o.symbol !== undefined && typeof o.symbol !== 'string')
      return void r.error([...path, 'symbol'], 'expected a %pS name');
    if (addr === undefined || !bytes) return;
    out.push({
      addr,
      type,
      len: bytes.length,
      original: bytes,
      ...(typeof o.symbol === 'string' ? { symbol: o.symbol } : {}),
    });
  });
  return out;
}
