import type { SymbolHit, SymbolTableData } from '../../core/symbols';
import type { ElfSection } from './header';
import { SHN_ABS, SHN_UNDEF, STB_WEAK, STT_FILE, STT_SECTION, type ElfSymbol } from './symbols';

/** A named address in the order `%pS` resolves names. */
export interface NamedAddr {
  name: string;
  addr: bigint;
  weak?: boolean;
  /** Section index of the ELF symbol (relocatable objects place symbols by section). */
  shndx?: number;
}

/**
 * Symbols as columns, in input order: what SymbolIndex needs without one object (or one decoded
 * name) per symbol. `name` and `indexOf` are only called for the few names actually needed.
 */
export interface SymbolColumns {
  count: number;
  /** Address halves: addr = hi · 2³² + lo. */
  hi: Uint32Array;
  lo: Uint32Array;
  /** 1 for a weak symbol. */
  weak: Uint8Array;
  name(i: number): string;
  /** First symbol (input order) with exactly this name, or -1. */
  indexOf(name: string): number;
  /**
   * Input order is the kernel's own kallsyms order (decoded from an image): among aliases the
   * first is the one `%pS` prints, with no ranking needed.
   */
  kernelOrder?: boolean;
  /** Many names at once (optional, faster than `name` one by one). */
  names?(indices: Int32Array): string[];
}

/** Host byte order decides where the halves of a u64 sit in a Uint32Array view. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/**
 * Names addresses the way the kernel's `%pS` does: `symbol+0xoff/0xsize`, where the symbol is
 * the last one at or below the address (the first of its aliases in kallsyms order) and the
 * size is the distance to the next higher symbol address.
 */
export class SymbolIndex {
  /** Distinct symbol addresses, ascending, as halves. */
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  /** Per distinct address: the symbol (column index) whose name `%pS` prints. */
  private readonly first: Int32Array;
  private readonly names = new Map<number, string>();
  private readonly looked = new Map<string, bigint | undefined>();

  constructor(private readonly cols: SymbolColumns) {
    const order = sortByAddress(cols);
    const n = order.length;
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    const first = new Int32Array(n);
    let u = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const h = cols.hi[i] as number;
      const l = cols.lo[i] as number;
      if (u > 0 && hi[u - 1] === h && lo[u - 1] === l) {
        // Same address: equal symbols stay in input order, so a later one must be better.
        if (!cols.kernelOrder && this.printedBefore(i, first[u - 1] as number)) first[u - 1] = i;
        continue;
      }
      hi[u] = h;
      lo[u] = l;
      first[u] = i;
      u++;
    }
    this.hi = hi.subarray(0, u);
    this.lo = lo.subarray(0, u);
    this.first = first.subarray(0, u);
  }

  get size(): number {
    return this.hi.length;
  }

  /**
   * Whether alias `a` is printed instead of `b` at the same address. scripts/kallsyms sorts by
   * address, then non-weak first, then names that do not look like linker-script symbols, then
   * fewer leading underscores, then its input order — which is `nm -n` order, i.e. by name
   * among equal addresses.
   */
  private printedBefore(a: number, b: number): boolean {
    const na = this.nameOf(a);
    const nb = this.nameOf(b);
    const ra = aliasRank(na, this.cols.weak[a] === 1);
    const rb = aliasRank(nb, this.cols.weak[b] === 1);
    return ra !== rb ? ra < rb : na < nb;
  }

  private nameOf(i: number): string {
    let s = this.names.get(i);
    if (s === undefined) {
      s = this.cols.name(i);
      this.names.set(i, s);
    }
    return s;
  }

  /** Index of the last distinct address <= (h, l), or -1. */
  private find(h: number, l: number): number {
    let a = 0;
    let b = this.hi.length - 1;
    let best = -1;
    while (a <= b) {
      const mid = (a + b) >> 1;
      const mh = this.hi[mid] as number;
      if (mh < h || (mh === h && (this.lo[mid] as number) <= l)) {
        best = mid;
        a = mid + 1;
      } else b = mid - 1;
    }
    return best;
  }

  private addrAt(slot: number): bigint {
    return (BigInt(this.hi[slot] as number) << 32n) | BigInt(this.lo[slot] as number);
  }

  /** `%pS` text, or undefined when no symbol covers the address. */
  format(addr: bigint): string | undefined {
    if (addr < 0n || addr >= 1n << 64n) return undefined;
    const h = Number(addr >> 32n);
    const l = Number(addr & 0xffffffffn);
    const i = this.find(h, l);
    if (i < 0 || i + 1 >= this.hi.length) return undefined;
    const name = this.nameOf(this.first[i] as number);
    const off = this.distance(i, h, l);
    const size = this.distance(i, this.hi[i + 1] as number, this.lo[i + 1] as number);
    return `${name}+0x${off.toString(16)}/0x${size.toString(16)}`;
  }

  /** Distance from `addr` (a symbol's address) to the next higher symbol: `%pS`'s size. */
  extent(addr: bigint): bigint | undefined {
    if (addr < 0n || addr >= 1n << 64n) return undefined;
    const i = this.find(Number(addr >> 32n), Number(addr & 0xffffffffn));
    if (i < 0 || i + 1 >= this.hi.length || this.addrAt(i) !== addr) return undefined;
    return this.addrAt(i + 1) - addr;
  }

  /**
   * objdump's name for an address: the nearest symbol at or below it (the `%pS` alias), with
   * the distance into it. Unlike `format`, the last symbol also names what follows it.
   */
  nearest(addr: bigint): SymbolHit | undefined {
    if (addr < 0n || addr >= 1n << 64n) return undefined;
    const h = Number(addr >> 32n);
    const l = Number(addr & 0xffffffffn);
    const i = this.find(h, l);
    if (i < 0) return undefined;
    return { name: this.nameOf(this.first[i] as number), offset: addr - this.addrAt(i) };
  }

  /** The whole index as plain sorted columns (for posting to the page): decodes every name. */
  toTableData(): SymbolTableData {
    const n = this.hi.length;
    let names = this.cols.names?.(this.first);
    if (!names) {
      names = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const k = this.first[i] as number;
        names[i] = this.names.get(k) ?? this.cols.name(k);
      }
    }
    return { hi: this.hi.slice(), lo: this.lo.slice(), names };
  }

  /** (h, l) minus the address of `slot`, as a number (BigInt only past 2^53). */
  private distance(slot: number, h: number, l: number): number | bigint {
    const dh = h - (this.hi[slot] as number);
    const d = dh * 0x100000000 + (l - (this.lo[slot] as number));
    return Number.isSafeInteger(d) ? d : ((BigInt(h) << 32n) | BigInt(l)) - this.addrAt(slot);
  }

  /** Address of a symbol by exact name (first match in input order). */
  lookup(name: string): bigint | undefined {
    if (this.looked.has(name)) return this.looked.get(name);
    const i = this.cols.indexOf(name);
    const addr =
      i < 0
        ? undefined
        : (BigInt(this.cols.hi[i] as number) << 32n) | BigInt(this.cols.lo[i] as number);
    this.looked.set(name, addr);
    return addr;
  }
}

/** Bits of a packed sort key given to the symbol's index and to its address's high-half rank. */
const INDEX_BITS = 21;
const RANK_BITS = 11;

/**
 * Symbol indices ordered by address, then input order. The common case packs (rank of the high
 * half, low half, index) into one u64 and sorts a BigUint64Array natively — no comparator, no
 * BigInt per symbol; tables too large for the packing use a comparator sort.
 */
function sortByAddress(cols: SymbolColumns): Uint32Array {
  const n = cols.count;
  const highs = distinctSorted(cols.hi);
  const out = new Uint32Array(n);
  if (n >= 1 << INDEX_BITS || highs.length > 1 << RANK_BITS) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out.sort(
      (a, b) =>
        (cols.hi[a] as number) - (cols.hi[b] as number) ||
        (cols.lo[a] as number) - (cols.lo[b] as number) ||
        a - b,
    );
  }
  const rank = new Map(highs.map((h, r) => [h, r]));
  const keys = new BigUint64Array(n);
  const halves = new Uint32Array(keys.buffer);
  let lastHi = -1;
  let lastRank = 0;
  for (let i = 0; i < n; i++) {
    const h = cols.hi[i] as number;
    if (h !== lastHi) {
      lastHi = h;
      lastRank = rank.get(h) as number;
    }
    const l = cols.lo[i] as number;
    // key = rank << 53 | lo << 21 | i, written as two u32 halves.
    halves[2 * i + HI] = ((lastRank << INDEX_BITS) | (l >>> (32 - INDEX_BITS))) >>> 0;
    halves[2 * i + LO] = (((l << INDEX_BITS) >>> 0) | i) >>> 0;
  }
  keys.sort();
  const mask = (1 << INDEX_BITS) - 1;
  for (let k = 0; k < n; k++) out[k] = (halves[2 * k + LO] as number) & mask;
  return out;
}

/** The distinct values of `xs`, ascending (few: a kernel's symbols share one or two). */
function distinctSorted(xs: Uint32Array): number[] {
  const seen = new Set<number>();
  let last = -1;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    if (x === last) continue;
    last = x;
    seen.add(x);
  }
  return [...seen].sort((a, b) => a - b);
}

/** Columns over named addresses (System.map, placed relocatable symbols): names already text. */
export function columnsOfNamed(symbols: readonly NamedAddr[]): SymbolColumns {
  const n = symbols.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const weak = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = symbols[i] as NamedAddr;
    const a = BigInt.asUintN(64, s.addr);
    hi[i] = Number(a >> 32n);
    lo[i] = Number(a & 0xffffffffn);
    weak[i] = s.weak ? 1 : 0;
  }
  return {
    count: n,
    hi,
    lo,
    weak,
    name: (i) => (symbols[i] as NamedAddr).name,
    indexOf: (name) => symbols.findIndex((s) => s.name === name),
  };
}

/** Lower ranks win among aliases: weak last, then linker-provided, then more underscores. */
function aliasRank(name: string, weak: boolean): number {
  let us = 0;
  while (name.charCodeAt(us) === 95) us++;
  return (weak ? 1 << 20 : 0) + (looksLinkerProvided(name) ? 1 << 19 : 0) + Math.min(us, 1000);
}

/** `__start_X`, `__stop_X`, `__end_X`, `__X_start`, `__X_end` (kallsyms demotes these). */
function looksLinkerProvided(name: string): boolean {
  if (name.length < 8 || !name.startsWith('__')) return false;
  return /^__(start_|stop_|end_)/.test(name) || name.endsWith('_start') || name.endsWith('_end');
}

/** The ELF symbols kallsyms would list: defined, named, in an allocated section. */
export function selectKallsyms(
  symbols: readonly ElfSymbol[],
  sections: readonly ElfSection[],
): NamedAddr[] {
  const out: NamedAddr[] = [];
  for (const s of symbols) {
    if (!s.name || s.shndx === SHN_UNDEF || s.shndx === SHN_ABS || s.shndx >= sections.length)
      continue;
    if (s.type === STT_SECTION || s.type === STT_FILE) continue;
    if (s.name.startsWith('.L') || s.name.startsWith('$')) continue;
    out.push({ name: s.name, addr: s.value, weak: s.bind === STB_WEAK, shndx: s.shndx });
  }
  return out;
}
