import type { Addr } from '../model';
import type { PassName, PassRecord, TextImage } from './types';

/**
 * Where records keep their bytes: V8 spends ~200 bytes of heap on each small Uint8Array of its
 * own, and a 7.2 boot keeps ~150k records of two each (~60 MB, issue 13). A record here holds
 * an offset into a shared chunk instead, and `before`/`after` are views made when read.
 */
const CHUNK = 64 << 10;

class RecordBytes {
  private chunk = new Uint8Array(CHUNK);
  private used = 0;

  /** Room for `len` bytes: the chunk and the offset they go to. */
  reserve(len: number): [Uint8Array, number] {
    if (this.used + len > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(CHUNK, len));
      this.used = 0;
    }
    const at = this.used;
    this.used += len;
    return [this.chunk, at];
  }
}

/** A record whose bytes lie in a shared chunk: `before` at `at`, `after` next (or the same). */
class StoredRecord implements PassRecord {
  constructor(
    readonly pass: PassName,
    readonly addr: Addr,
    private readonly chunk: Uint8Array,
    private readonly at: number,
    private readonly beforeLen: number,
    /** Where `after` starts: `at` when the pass kept the bytes. */
    private readonly afterAt: number,
    private readonly afterLen: number,
    readonly what: string,
  ) {}

  get before(): Uint8Array {
    return this.chunk.subarray(this.at, this.at + this.beforeLen);
  }

  get after(): Uint8Array {
    return this.chunk.subarray(this.afterAt, this.afterAt + this.afterLen);
  }

  /** `recordWrote` without making the views. */
  wrote(): boolean {
    if (this.afterAt === this.at && this.beforeLen > 0) return false; // kept: the same bytes
    const c = this.chunk;
    for (let i = 0; i < this.afterLen; i++)
      if (c[this.afterAt + i] !== (i < this.beforeLen ? c[this.at + i] : undefined)) return true;
    return false;
  }
}

/** One store per image: records live as long as the boot result holding both. */
const stores = new WeakMap<TextImage, RecordBytes>();

/**
 * A record of the bytes at `addr` before (`before`) and after (`after`, or the same bytes when
 * the pass kept them) a pass looked there. Both are copied.
 */
export function storeRecord(
  image: TextImage,
  pass: PassName,
  addr: Addr,
  before: Uint8Array,
  after: Uint8Array | 'kept',
  what: string,
): PassRecord {
  let store = stores.get(image);
  if (!store) stores.set(image, (store = new RecordBytes()));
  const afterLen = after === 'kept' ? before.length : after.length;
  const [chunk, at] = store.reserve(before.length + (after === 'kept' ? 0 : afterLen));
  chunk.set(before, at);
  if (after !== 'kept') chunk.set(after, at + before.length);
  const afterAt = after === 'kept' ? at : at + before.length;
  return new StoredRecord(pass, addr, chunk, at, before.length, afterAt, afterLen, what);
}

/** The record's pass changed any byte (each `before`/`after` read makes a view: read once). */
export function recordWrote(r: PassRecord): boolean {
  if (r instanceof StoredRecord) return r.wrote();
  const before = r.before;
  const after = r.after;
  for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) return true;
  return false;
}
