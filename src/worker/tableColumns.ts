/**
 * A kernel table as columns for the trip from the worker to the page. Posting the table's
 * ~16,000 site and entry objects (plus a source location each) made the page deserialize every
 * one of them on its main thread; columns are a few typed arrays, one bytes arena and one
 * string, all transferred or copied as flat memory. The page rebuilds the objects in one pass
 * (`decodeTable`), with byte arrays as views into the arena: the engine copies a site's bytes
 * before writing (`start.slice()` / `cur.slice()` in the patch loops), never into them.
 */
import type {
  AltEntry,
  AltTable,
  FeatureIndex,
  KernelSymbol,
  KernelVersion,
  MemoryRange,
  ParavirtSite,
  Site,
  SourceLocation,
} from '../core/model';
import { toAddr, toFeatureIndex } from '../core/model';

/** Source locations of sites then entries: kind 0 none, 1 offset, 2 text. */
interface SourceColumns {
  kind: Uint8Array;
  /** `offset`, or `line`. */
  a: Float64Array;
  /** `column` (text only). */
  b: Float64Array;
  /** String indices of `what` / `file`, −1 when absent. */
  what: Int32Array;
  file: Int32Array;
}

export interface TableColumns {
  kernel: KernelVersion;
  symbols: KernelSymbol[];
  features: FeatureIndex[];
  /** Every byte array of the table, back to back. */
  arena: Uint8Array;
  /** All strings joined; string i is `text.slice(stringEnds[i-1] ?? 0, stringEnds[i])`. */
  text: string;
  stringEnds: Uint32Array;
  siteAddr: BigUint64Array;
  /** String index of the site's symbol, −1 when it has none. */
  siteSymbol: Int32Array;
  /** String index of the site's section+offset (relocatable objects), −1 when absent. */
  sitePlace: Int32Array;
  /** Arena offset of the site's original bytes; its length is `siteBytesLen`. */
  siteBytesAt: Uint32Array;
  siteBytesLen: Uint32Array;
  /** Site i's entries are `entryStart[i]` up to `entryStart[i + 1]`. */
  entryStart: Uint32Array;
  entryInstr: BigUint64Array;
  entryRepl: BigUint64Array;
  /** cpuid, flags, instrlen, replacementlen, tableIndex per entry (5 numbers each). */
  entryFields: Float64Array;
  entryBytesAt: Uint32Array;
  entryBytesLen: Uint32Array;
  memoryAddr: BigUint64Array;
  memoryBytesAt: Uint32Array;
  memoryBytesLen: Uint32Array;
  sources: SourceColumns;
  /** 6.1's paravirt sites, as objects (a few thousand small ones), without source locations. */
  paravirt?: ParavirtSite[];
}

const ENTRY_FIELDS = 5;

/** Columns for `table`, and the buffers to transfer with them. */
export function encodeTable(table: AltTable): { columns: TableColumns; transfer: ArrayBuffer[] } {
  const { sites, memory } = table;
  const entryCount = sites.reduce((n, s) => n + s.entries.length, 0);
  let arenaBytes = 0;
  for (const s of sites) {
    arenaBytes += s.original.length;
    for (const e of s.entries) arenaBytes += e.replacement.length;
  }
  for (const m of memory) arenaBytes += m.bytes.length;
  const arena = new Uint8Array(arenaBytes);
  let at = 0;
  const place = (b: Uint8Array): number => {
    arena.set(b, at);
    at += b.length;
    return at - b.length;
  };
  const strings = createStringTable();
  const sources = createSourceColumns(sites.length + entryCount);
  const c: TableColumns = {
    ...(table.paravirt ? { paravirt: table.paravirt.map(({ source: _source, ...p }) => p) } : {}),
    kernel: table.kernel,
    symbols: table.symbols,
    features: table.features,
    arena,
    text: '',
    stringEnds: new Uint32Array(0),
    siteAddr: new BigUint64Array(sites.length),
    siteSymbol: new Int32Array(sites.length),
    sitePlace: new Int32Array(sites.length),
    siteBytesAt: new Uint32Array(sites.length),
    siteBytesLen: new Uint32Array(sites.length),
    entryStart: new Uint32Array(sites.length + 1),
    entryInstr: new BigUint64Array(entryCount),
    entryRepl: new BigUint64Array(entryCount),
    entryFields: new Float64Array(entryCount * ENTRY_FIELDS),
    entryBytesAt: new Uint32Array(entryCount),
    entryBytesLen: new Uint32Array(entryCount),
    memoryAddr: new BigUint64Array(memory.length),
    memoryBytesAt: new Uint32Array(memory.length),
    memoryBytesLen: new Uint32Array(memory.length),
    sources,
  };
  let k = 0;
  sites.forEach((s, i) => {
    c.siteAddr[i] = s.addr;
    c.siteSymbol[i] = s.symbol === undefined ? -1 : strings.add(s.symbol);
    c.sitePlace[i] = s.place === undefined ? -1 : strings.add(s.place);
    c.siteBytesAt[i] = place(s.original);
    c.siteBytesLen[i] = s.original.length;
    c.entryStart[i] = k;
    putSource(sources, i, s.source, strings);
    for (const e of s.entries) {
      c.entryInstr[k] = e.instr;
      c.entryRepl[k] = e.repl;
      const f = k * ENTRY_FIELDS;
      c.entryFields[f] = e.cpuid;
      c.entryFields[f + 1] = e.flags;
      c.entryFields[f + 2] = e.instrlen;
      c.entryFields[f + 3] = e.replacementlen;
      c.entryFields[f + 4] = e.tableIndex;
      c.entryBytesAt[k] = place(e.replacement);
      c.entryBytesLen[k] = e.replacement.length;
      putSource(sources, sites.length + k, e.source, strings);
      k++;
    }
  });
  c.entryStart[sites.length] = k;
  memory.forEach((m, i) => {
    c.memoryAddr[i] = m.addr;
    c.memoryBytesAt[i] = place(m.bytes);
    c.memoryBytesLen[i] = m.bytes.length;
  });
  const joined = strings.finish();
  c.text = joined.text;
  c.stringEnds = joined.ends;
  const transfer = [
    arena,
    joined.ends,
    c.siteAddr,
    c.siteSymbol,
    c.sitePlace,
    c.siteBytesAt,
    c.siteBytesLen,
    c.entryStart,
    c.entryInstr,
    c.entryRepl,
    c.entryFields,
    c.entryBytesAt,
    c.entryBytesLen,
    c.memoryAddr,
    c.memoryBytesAt,
    c.memoryBytesLen,
    sources.kind,
    sources.a,
    sources.b,
    sources.what,
    sources.file,
  ].map((a) => a.buffer as ArrayBuffer);
  return { columns: c, transfer };
}

/** The table `columns` encode; byte arrays are views into `columns.arena`. */
export function decodeTable(c: TableColumns): AltTable {
  const ends = c.stringEnds;
  const str = (i: number): string => c.text.slice(i > 0 ? (ends[i - 1] as number) : 0, ends[i]);
  const bytes = (at: number, len: number) => c.arena.subarray(at, at + len);
  const siteCount = c.siteAddr.length;
  const sites: Site[] = new Array<Site>(siteCount);
  for (let i = 0; i < siteCount; i++) {
    const first = c.entryStart[i] as number;
    const end = c.entryStart[i + 1] as number;
    const entries: AltEntry[] = new Array<AltEntry>(end - first);
    for (let k = first; k < end; k++) {
      const f = k * ENTRY_FIELDS;
      const fields = c.entryFields;
      const entry: AltEntry = {
        instr: toAddr(c.entryInstr[k] as bigint),
        repl: toAddr(c.entryRepl[k] as bigint),
        cpuid: toFeatureIndex(fields[f] as number),
        flags: fields[f + 1] as number,
        instrlen: fields[f + 2] as number,
        replacementlen: fields[f + 3] as number,
        replacement: bytes(c.entryBytesAt[k] as number, c.entryBytesLen[k] as number),
        tableIndex: fields[f + 4] as number,
      };
      const source = getSource(c.sources, siteCount + k, str);
      if (source) entry.source = source;
      entries[k - first] = entry;
    }
    const site: Site = {
      addr: toAddr(c.siteAddr[i] as bigint),
      original: bytes(c.siteBytesAt[i] as number, c.siteBytesLen[i] as number),
      entries,
    };
    const symbol = c.siteSymbol[i] as number;
    if (symbol >= 0) site.symbol = str(symbol);
    const place = c.sitePlace[i] as number;
    if (place >= 0) site.place = str(place);
    const source = getSource(c.sources, i, str);
    if (source) site.source = source;
    sites[i] = site;
  }
  const memory: MemoryRange[] = [];
  for (let i = 0; i < c.memoryAddr.length; i++) {
    memory.push({
      addr: toAddr(c.memoryAddr[i] as bigint),
      bytes: bytes(c.memoryBytesAt[i] as number, c.memoryBytesLen[i] as number),
    });
  }
  const table: AltTable = {
    kernel: c.kernel,
    sites,
    memory,
    symbols: c.symbols,
    features: c.features,
  };
  if (c.paravirt) table.paravirt = c.paravirt;
  return table;
}

/** Strings deduplicated (entries repeat section names) and joined into one. */
export function createStringTable() {
  const index = new Map<string, number>();
  const parts: string[] = [];
  const ends: number[] = [];
  let length = 0;
  return {
    add(s: string): number {
      let i = index.get(s);
      if (i === undefined) {
        i = parts.length;
        index.set(s, i);
        parts.push(s);
        length += s.length;
        ends.push(length);
      }
      return i;
    },
    finish: () => ({ text: parts.join(''), ends: Uint32Array.from(ends) }),
  };
}

function createSourceColumns(n: number): SourceColumns {
  return {
    kind: new Uint8Array(n),
    a: new Float64Array(n),
    b: new Float64Array(n),
    what: new Int32Array(n).fill(-1),
    file: new Int32Array(n).fill(-1),
  };
}

function putSource(
  c: SourceColumns,
  i: number,
  src: SourceLocation | undefined,
  strings: { add(s: string): number },
): void {
  if (!src) return;
  if (src.file !== undefined) c.file[i] = strings.add(src.file);
  if (src.kind === 'offset') {
    c.kind[i] = 1;
    c.a[i] = src.offset;
    if (src.what !== undefined) c.what[i] = strings.add(src.what);
  } else {
    c.kind[i] = 2;
    c.a[i] = src.line;
    c.b[i] = src.column;
  }
}

function getSource(
  c: SourceColumns,
  i: number,
  str: (i: number) => string,
): SourceLocation | undefined {
  const kind = c.kind[i];
  if (!kind) return undefined;
  const file = c.file[i] as number;
  let src: SourceLocation;
  if (kind === 1) {
    src = { kind: 'offset', offset: c.a[i] as number };
    const what = c.what[i] as number;
    if (what >= 0) src.what = str(what);
  } else src = { kind: 'text', line: c.a[i] as number, column: c.b[i] as number };
  if (file >= 0) src.file = str(file);
  return src;
}
