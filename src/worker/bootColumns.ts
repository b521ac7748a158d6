/**
 * A whole-boot simulation as columns for the trip from the boot worker to the page: ~150,000
 * pass records of a 7.2 kernel as objects would be deserialised one by one on the main thread;
 * as a few typed arrays, one bytes arena and one string they are transferred as flat memory
 * (like `tableColumns.ts`). The page reads records by index (`bootRecord`), never all at once.
 */
import type { BootResult } from '../core/passes/boot';
import type { PassName } from '../core/passes/types';
import { createStringTable } from './tableColumns';

/** One pass of the kernel's order: its records are `start` up to `end`. */
export interface PassSummary {
  pass: PassName;
  /** No implementation for a pass this kernel runs (its table is not empty). */
  missing: boolean;
  start: number;
  end: number;
  /** Records whose bytes changed. */
  rewrites: number;
  /** Bytes those records changed. */
  bytesChanged: number;
}

/** Record flag bits. */
export const REC_UNKNOWABLE = 1;
export const REC_CHANGED = 2;

export interface BootColumns {
  passes: PassSummary[];
  /** Every byte array, back to back; string i is `text.slice(stringEnds[i-1] ?? 0, stringEnds[i])`. */
  arena: Uint8Array;
  text: string;
  stringEnds: Uint32Array;
  recAddr: BigUint64Array;
  recBeforeAt: Uint32Array;
  recAfterAt: Uint32Array;
  /** Before and after have the same length in every pass. */
  recLen: Uint8Array;
  /** String indices of `what` and of the `%pS` symbol (−1 when none). */
  recWhat: Int32Array;
  recSymbol: Int32Array;
  recFlags: Uint8Array;
  /** Alternative sites: address, bytes before alternatives, and the records that touched them. */
  siteAddr: BigUint64Array;
  siteBeforeAt: Uint32Array;
  siteBeforeLen: Uint32Array;
  /** Site i's records (indices into rec*) are `siteRecs[siteRecStart[i] … siteRecStart[i+1]]`. */
  siteRecStart: Uint32Array;
  siteRecs: Uint32Array;
  /** Runs of bytes the simulated boot changed, and their total. */
  diffRuns: number;
  diffBytes: number;
}

/** Encode `res`; `symbolOf` names an address (`%pS`), and the buffers to transfer. */
export function encodeBoot(
  res: BootResult,
  symbolOf: (addr: bigint) => string | undefined,
): { columns: BootColumns; transfer: ArrayBuffer[] } {
  const n = res.runs.reduce((k, r) => k + r.records.length, 0);
  let arenaBytes = 0;
  for (const run of res.runs) for (const r of run.records) arenaBytes += 2 * r.before.length;
  for (const s of res.altSites) arenaBytes += s.before.length;
  const arena = new Uint8Array(arenaBytes);
  let at = 0;
  const place = (b: Uint8Array): number => (arena.set(b, at), (at += b.length) - b.length);
  const strings = createStringTable();
  const c = {
    recAddr: new BigUint64Array(n),
    recBeforeAt: new Uint32Array(n),
    recAfterAt: new Uint32Array(n),
    recLen: new Uint8Array(n),
    recWhat: new Int32Array(n),
    recSymbol: new Int32Array(n),
    recFlags: new Uint8Array(n),
  };
  const passes: PassSummary[] = [];
  let i = 0;
  for (const run of res.runs) {
    const p: PassSummary = {
      pass: run.pass,
      missing: run.missing === true,
      start: i,
      end: i + run.records.length,
      rewrites: 0,
      bytesChanged: 0,
    };
    for (const r of run.records) {
      // Read each once: a record may make a new view at every read (recordBytes.ts).
      const { before, after } = r;
      c.recAddr[i] = r.addr;
      c.recBeforeAt[i] = place(before);
      c.recAfterAt[i] = place(after);
      c.recLen[i] = Math.min(255, before.length);
      c.recWhat[i] = strings.add(r.what);
      const sym = symbolOf(r.addr);
      c.recSymbol[i] = sym === undefined ? -1 : strings.add(sym);
      let changed = 0;
      for (let k = 0; k < after.length; k++) if (after[k] !== before[k]) changed++;
      c.recFlags[i] = (r.unknowable ? REC_UNKNOWABLE : 0) | (changed > 0 ? REC_CHANGED : 0);
      if (changed > 0) p.rewrites++;
      p.bytesChanged += changed;
      i++;
    }
    passes.push(p);
  }
  const sites = encodeSites(res, c.recAddr, c.recLen, c.recFlags, passes, place);
  const joined = strings.finish();
  const columns: BootColumns = {
    passes,
    arena,
    text: joined.text,
    stringEnds: joined.ends,
    ...c,
    ...sites,
    diffRuns: res.diff.length,
    diffBytes: res.diff.reduce((k, d) => k + d.bytes.length, 0),
  };
  const transfer = [
    arena,
    joined.ends,
    ...Object.values(c),
    sites.siteAddr,
    sites.siteBeforeAt,
    sites.siteBeforeLen,
    sites.siteRecStart,
    sites.siteRecs,
  ].map((a) => a.buffer as ArrayBuffer);
  return { columns, transfer };
}

/** Per alternative site, the changing records of every other pass that overlap its bytes. */
function encodeSites(
  res: BootResult,
  recAddr: BigUint64Array,
  recLen: Uint8Array,
  recFlags: Uint8Array,
  passes: readonly PassSummary[],
  place: (b: Uint8Array) => number,
) {
  const touching: number[] = [];
  for (const p of passes) {
    if (p.pass === 'alternatives') continue;
    for (let i = p.start; i < p.end; i++) if (recFlags[i]! & REC_CHANGED) touching.push(i);
  }
  touching.sort((a, b) => cmp(recAddr[a]!, recAddr[b]!) || a - b);
  const sites = res.altSites;
  const siteAddr = new BigUint64Array(sites.length);
  const siteBeforeAt = new Uint32Array(sites.length);
  const siteBeforeLen = new Uint32Array(sites.length);
  const siteRecStart = new Uint32Array(sites.length + 1);
  const recs: number[] = [];
  sites.forEach((s, k) => {
    const start = s.result.addr;
    const end = start + BigInt(s.result.len);
    siteAddr[k] = start;
    siteBeforeAt[k] = place(s.before);
    siteBeforeLen[k] = s.before.length;
    siteRecStart[k] = recs.length;
    // Records are at most 16 bytes long: only those starting 16 bytes before can reach in.
    const found: number[] = [];
    for (let j = lowerBound(touching, recAddr, start - 16n); j < touching.length; j++) {
      const i = touching[j]!;
      if (recAddr[i]! >= end) break;
      if (recAddr[i]! + BigInt(recLen[i]!) > start) found.push(i);
    }
    recs.push(...found.sort((a, b) => a - b)); // in pass order
  });
  siteRecStart[sites.length] = recs.length;
  return { siteAddr, siteBeforeAt, siteBeforeLen, siteRecStart, siteRecs: Uint32Array.from(recs) };
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function lowerBound(idx: readonly number[], addr: BigUint64Array, at: bigint): number {
  let lo = 0;
  let hi = idx.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (addr[idx[mid]!]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One record read back from the columns. */
export interface BootRecordView {
  index: number;
  pass: PassName;
  addr: bigint;
  symbol: string | undefined;
  before: Uint8Array;
  after: Uint8Array;
  what: string;
  unknowable: boolean;
  changed: boolean;
}

/** String `i` of the columns' table. */
export function bootString(c: BootColumns, i: number): string {
  return c.text.slice(i > 0 ? c.stringEnds[i - 1]! : 0, c.stringEnds[i]);
}

/** The pass owning record `i`. */
export function passOfRecord(c: BootColumns, i: number): PassSummary | undefined {
  return c.passes.find((p) => i >= p.start && i < p.end);
}

/** Record `i`, with byte arrays as views into the arena. */
export function bootRecord(c: BootColumns, i: number, pass?: PassName): BootRecordView {
  const len = c.recLen[i]!;
  const sym = c.recSymbol[i]!;
  const flags = c.recFlags[i]!;
  return {
    index: i,
    pass: pass ?? passOfRecord(c, i)?.pass ?? 'alternatives',
    addr: c.recAddr[i]!,
    symbol: sym < 0 ? undefined : bootString(c, sym),
    before: c.arena.subarray(c.recBeforeAt[i], c.recBeforeAt[i]! + len),
    after: c.arena.subarray(c.recAfterAt[i], c.recAfterAt[i]! + len),
    what: bootString(c, c.recWhat[i]!),
    unknowable: (flags & REC_UNKNOWABLE) !== 0,
    changed: (flags & REC_CHANGED) !== 0,
  };
}

/**
 * The bytes alternatives started from at each site an earlier pass wrote (the return-thunk pass
 * turning `jmp __x86_return_thunk` into `ret; int3` …): views of the columns' arena, by address.
 */
export function bytesBeforeAlternatives(c: BootColumns): Map<bigint, Uint8Array> {
  const out = new Map<bigint, Uint8Array>();
  for (let k = 0; k < c.siteAddr.length; k++) {
    if (c.siteRecStart[k] === c.siteRecStart[k + 1]) continue;
    const at = c.siteBeforeAt[k] as number;
    out.set(c.siteAddr[k] as bigint, c.arena.subarray(at, at + (c.siteBeforeLen[k] as number)));
  }
  return out;
}
