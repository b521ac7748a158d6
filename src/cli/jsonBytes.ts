/**
 * A growable byte buffer for writing large JSON documents without building an object tree or
 * thousands of intermediate strings (issue 6: the `patch --json` report of a vmlinux is ~5 MB,
 * and allocating it as objects and string pieces cost more than the simulation). Literal text is
 * ASCII; strings are escaped exactly as `JSON.stringify` escapes them and encoded as UTF-8.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Characters JSON.stringify escapes, and anything beyond ASCII (UTF-8 is longer than UTF-16). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NOT_PLAIN = /[\u0000-\u001f"\\\u007f-\uffff]/;

const HEX_PAIR = new Uint16Array(256);
for (let x = 0; x < 256; x++) {
  const s = x.toString(16).padStart(2, '0');
  // Little-endian pair: low byte first, so one 16-bit write puts both digits in order.
  HEX_PAIR[x] = s.charCodeAt(0) | (s.charCodeAt(1) << 8);
}

/** A literal, encoded once; write it with `JsonBytes.lit`. */
export type Literal = Uint8Array;
export const literal = (text: string): Literal => encoder.encode(text);

export class JsonBytes {
  private buf: Uint8Array;
  private pos = 0;

  /** `expected`: a guess of the document's size, so a large one is not copied as it doubles. */
  constructor(expected = 1 << 16) {
    this.buf = new Uint8Array(Math.max(1 << 10, Math.min(expected, 1 << 30)));
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  lit(l: Literal): void {
    this.ensure(l.length);
    // A builtin copy: a byte loop here runs mostly in unoptimised code in a one-shot CLI.
    this.buf.set(l, this.pos);
    this.pos += l.length;
  }

  /** A JSON string: plain ASCII is copied, anything needing escapes or UTF-8 goes the long way. */
  str(s: string): void {
    if (NOT_PLAIN.test(s)) return this.escaped(s);
    this.ensure(s.length + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    // Plain ASCII: one byte per code unit. A loop rather than encodeInto, which needs a fresh
    // subarray view per string (thousands of short symbol names in a kernel's report).
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    buf[p++] = 0x22;
    this.pos = p;
  }

  private escaped(s: string): void {
    const bytes = encoder.encode(JSON.stringify(s));
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A number as `JSON.stringify` writes it (non-finite numbers become `null`). */
  num(n: number): void {
    const s = Number.isFinite(n) ? String(n) : 'null';
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** `"0x…"`: an address in lowercase hex. */
  addr(a: bigint): void {
    this.str('0x' + a.toString(16));
  }

  /** `"…"`: bytes as lowercase hex without separators. */
  hex(b: Uint8Array): void {
    this.ensure(b.length * 2 + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < b.length; i++) {
      const pair = HEX_PAIR[b[i] as number] as number;
      buf[p++] = pair & 0xff;
      buf[p++] = pair >> 8;
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  /** The document's UTF-8 bytes (a view of the buffer: write nothing after taking it). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  text(): string {
    return decoder.decode(this.bytes());
  }
}
