import type { Diagnostic } from '../../core/model';
import type { SymbolColumns } from '../elf/kallsyms';
import { failResult, okResult, type ReadResult } from '../result';
import { findAddresses, type OffsetsMode } from './addresses';
import { findNameStream, WalkBudgetExceeded } from './names';
import { RegionView, type Region } from './region';
import { findTokenTables } from './tokens';

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
      const strs = tokens.tokens.map((t) => String.fromCharCode(...t));
      const b = region.bytes;
      const full = (i: number): string => {
        let o = names.entryAt[i] as number;
        const c = b[o] as number;
        const len = c < 0x80 ? c : (c & 0x7f) | ((b[o + 1] as number) << 7);
        o += c < 0x80 ? 1 : 2;
        let s = '';
        for (let k = 0; k < len; k++) s += strs[b[o + k] as number] as string;
        return s;
      };
      let byName: Map<string, number> | undefined;
      const weak = new Uint8Array(names.count);
      const columns: SymbolColumns = {
        count: names.count,
        hi: addrs.hi,
        lo: addrs.lo,
        weak,
        name: (i) => full(i).slice(1),
        indexOf: (name) => {
          if (!byName) {
            byName = new Map();
            for (let i = 0; i < names.count; i++) {
              const n = full(i).slice(1);
              if (!byName.has(n)) byName.set(n, i);
            }
          }
          return byName.get(name) ?? -1;
        },
        kernelOrder: true,
      };
      for (let i = 0; i < names.count; i++) {
        const t = full(i).charCodeAt(0) | 0x20;
        weak[i] = t === 0x77 || t === 0x76 ? 1 : 0; // w, v
      }
      return okResult<Kallsyms>({
        columns,
        type: (i) => full(i).charAt(0),
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
