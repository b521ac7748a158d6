import { offsetError, ReadAbort } from './result';

const textDecoder = new TextDecoder('utf-8');

/**
 * Bounds-checked little-endian reads over one input buffer (no copies). Every read names
 * what it was reading so a truncated or hostile file yields "<what> at offset N is past the
 * end of the file (size S)".
 */
export class ByteReader {
  readonly view: DataView;
  readonly size: number;

  readonly bytes: Uint8Array;

  constructor(input: Uint8Array) {
    this.bytes = asPlainBytes(input);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.size = this.bytes.byteLength;
  }

  /** Abort unless [offset, offset+len) lies inside the file. */
  check(offset: number, len: number, what: string): void {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(len) || offset < 0 || len < 0) {
      throw new ReadAbort(
        offsetError('out-of-bounds', `${what}: invalid range`, Math.max(0, offset | 0), what),
      );
    }
    if (offset + len > this.size) {
      throw new ReadAbort(
        offsetError(
          'out-of-bounds',
          `${what} at offset ${offset} (${len} bytes) is past the end of the file (size ${this.size})`,
          offset,
          what,
        ),
      );
    }
  }

  u8(offset: number, what: string): number {
    this.check(offset, 1, what);
    return this.view.getUint8(offset);
  }
  u16(offset: number, what: string): number {
    this.check(offset, 2, what);
    return this.view.getUint16(offset, true);
  }
  u32(offset: number, what: string): number {
    this.check(offset, 4, what);
    return this.view.getUint32(offset, true);
  }
  s32(offset: number, what: string): number {
    this.check(offset, 4, what);
    return this.view.getInt32(offset, true);
  }
  u64(offset: number, what: string): bigint {
    this.check(offset, 8, what);
    return this.view.getBigUint64(offset, true);
  }
  /** A u64 that must fit a JS safe integer (file offsets, sizes). */
  u64n(offset: number, what: string): number {
    const v = this.u64(offset, what);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new ReadAbort(
        offsetError('absurd-value', `${what} is absurdly large (${v})`, offset, what),
      );
    }
    return Number(v);
  }
  /** A view (not a copy) of [offset, offset+len). */
  slice(offset: number, len: number, what: string): Uint8Array {
    this.check(offset, len, what);
    return this.bytes.subarray(offset, offset + len);
  }
  /** NUL-terminated string starting at offset, at most `limit` bytes, never past `end`. */
  cstring(offset: number, end: number, what: string, limit = 4096): string {
    this.check(offset, 0, what);
    const stop = Math.min(end, this.size, offset + limit);
    const nul = offset < stop ? this.bytes.subarray(offset, stop).indexOf(0) : -1;
    if (nul < 0) {
      throw new ReadAbort(
        offsetError(
          'bad-string',
          `${what} at offset ${offset} is not NUL-terminated`,
          offset,
          what,
        ),
      );
    }
    return textDecoder.decode(this.bytes.subarray(offset, offset + nul));
  }
}

/**
 * A plain Uint8Array view of the input. Node's Buffer overrides `slice()` to return a view, so
 * a Buffer flowing into the model would make every "copy" downstream alias the file.
 */
export function asPlainBytes(b: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(b) === Uint8Array.prototype
    ? b
    : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Lowercase hex of bytes, no separators (scenario JSON style). */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** The kernel's `%px`: 16 lowercase hex digits, no `0x`. */
export function formatPx(addr: bigint): string {
  return BigInt.asUintN(64, addr).toString(16).padStart(16, '0');
}
