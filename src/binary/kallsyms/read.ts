import type { Diagnostic } from '../../core/model';
import type { SymbolColumns } from '../elf/kallsyms';
import { failResult, okResult, type ReadResult } from '../result';
import { findAddresses, type OffsetsMode } from './addresses';
import { findNameStream, WalkBudgetExceeded, type NameStream } from './names';
import { RegionView, type Region } from './region';
import { findTokenTables, type TokenTable } from './tokens';

/** The kernel's own symbol table, decoded from its image. */
export interface Kallsyms {
  /** The columns SymbolIndex takes; input order is the kernel's (aliases: first is printed). */
  columns: SymbolColumns;
  /** nm-style type letter of symbol i ('T', 't', 'D', 'W', …). */
  type(i: number): string;
  mode: OffsetsMode;
  /** Where each table was found, as region offsets (for tests and diagnostics). */
  at: {
    numSyms: number;
    names: number;
    markers: number;
    tokenTable: number;
    tokenIndex: number;
    offsets: number;
  };
}

const problem = (region: Region, message: string): Diagnostic => ({
  severity: 'warning',
  code: 'no-kallsyms',
  message: `${region.name}: ${message}`,
});

/**
 * Find and decode kallsyms in one region without any symbol: token table and index first (a
 * signature nothing else has), then the name stream before them (its markers must match the
 * walk), then the offsets in whichever 6.1–7.3 layout decodes to addresses in order. Failure
 * is a warning: the image is still read, its sites only go unnamed.
 */
export function readKallsyms(region: Region): ReadResult<Kallsyms> {
  const v = new RegionView(region);
  const candidates = findTokenTables(v);
  if (candidates.length === 0) return failResult(problem(region, 'no kallsyms token table found'));
  try {
    for (const tokens of candidates) {
      const names = findNameStream(v, tokens, tokens.tableAt);
      if (!names) continue;
      const addrs = findAddresses(v, names.count, tokens.indexEnd, names.numAt);
      if (!addrs)
        return failResult(
          problem(region, `kallsyms names found (${names.count}) but no offsets table decodes`),
        );
      const text = new NameText(region.bytes, tokens, names);
      return okResult<Kallsyms>({
        columns: {
          count: names.count,
          hi: addrs.hi,
          lo: addrs.lo,
          weak: text.weakFlags(),
          name: (i) => text.full(i).slice(1),
          indexOf: (name) => text.indexOf(name),
          kernelOrder: true,
        },
        type: (i) => text.full(i).charAt(0),
        mode: addrs.mode,
        at: {
          numSyms: names.numAt,
          names: names.namesAt,
          markers: names.markersAt,
          tokenTable: tokens.tableAt,
          tokenIndex: tokens.indexAt,
          offsets: addrs.offsetsAt,
        },
      });
    }
  } catch (e) {
    if (!(e instanceof WalkBudgetExceeded)) throw e;
    return failResult(
      problem(region, 'gave up looking for kallsyms names (too many false starts)'),
    );
  }
  return failResult(
    problem(region, 'a kallsyms token table but no name stream that matches its markers'),
  );
}

/** Names expanded on demand from the validated stream: no string per symbol is kept. */
class NameText {
  private readonly strs: string[];
  constructor(
    private readonly b: Uint8Array,
    private readonly t: TokenTable,
    private readonly n: NameStream,
  ) {
    this.strs = t.tokens.map((x) => String.fromCharCode(...x));
  }

  /** Offset of entry i's first token byte (past its 1- or 2-byte length). */
  private tokensAt(i: number): number {
    const o = this.n.entryAt[i] as number;
    return (this.b[o] as number) < 0x80 ? o + 1 : o + 2;
  }

  /** Token count of entry i. */
  private tokenCount(i: number): number {
    const o = this.n.entryAt[i] as number;
    const c = this.b[o] as number;
    return c < 0x80 ? c : (c & 0x7f) | ((this.b[o + 1] as number) << 7);
  }

  /** Type letter and name, as the table stores them. */
  full(i: number): string {
    const o = this.tokensAt(i);
    const len = this.tokenCount(i);
    let s = '';
    for (let k = 0; k < len; k++) s += this.strs[this.b[o + k] as number] as string;
    return s;
  }

  /** 1 where the type letter is w/W/v/V (weak), from each entry's first token only. */
  weakFlags(): Uint8Array {
    const out = new Uint8Array(this.n.count);
    for (let i = 0; i < this.n.count; i++) {
      const c = ((this.t.tokens[this.b[this.tokensAt(i)] as number] as Uint8Array)[0] ?? 0) | 0x20;
      out[i] = c === 0x77 || c === 0x76 ? 1 : 0;
    }
    return out;
  }

  /** First entry whose name (after the type letter) is `name`: bytes compared token by token. */
  indexOf(name: string): number {
    const want = new TextEncoder().encode(name);
    for (let i = 0; i < this.n.count; i++) if (this.matches(i, want)) return i;
    return -1;
  }

  /** Allocation-free: each lookup compares every entry (~200k) until one matches. */
  private matches(i: number, want: Uint8Array): boolean {
    const o = this.tokensAt(i);
    const len = this.tokenCount(i);
    let at = -1; // -1: the type letter is still to skip
    for (let k = 0; k < len; k++) {
      const tok = this.t.tokens[this.b[o + k] as number] as Uint8Array;
      for (let q = 0; q < tok.length; q++) {
        if (at >= 0 && (at >= want.length || want[at] !== tok[q])) return false;
        at++;
      }
    }
    return at === want.length;
  }
}
