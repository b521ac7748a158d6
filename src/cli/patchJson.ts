/**
 * `altscope patch --json`: the report in the shape issue 2 §4 fixes. Addresses are `0x` +
 * lowercase hex, bytes lowercase hex without separators; table-level diagnostics go in a
 * top-level `diagnostics` list.
 *
 * The text is written straight into a byte buffer, laid out exactly as
 * `JSON.stringify(doc, null, 2)` lays out the document: for a vmlinux (~6,000 sites, ~5 MB of
 * JSON) building the object tree first, or even thousands of string pieces, cost more in
 * allocation and GC than the simulation itself (issue 6).
 */
import type { AltEntry, AltTable, Diagnostic, KernelVersion } from '../core/model';
import { flagNames } from '../core/review/siteText';
import type { PatchReport, Relocation, SiteResult, SiteWrite } from '../core/patch/report';
import { formatFeatureIndex, getCatalogue } from '../core/features';
import type { PreAlternatives } from '../core/passes/preAlternatives';
import type { Literal } from './jsonBytes';
import { JsonBytes, literal } from './jsonBytes';

/** The punctuation of a list whose `[`/`]` sit at indentation `pad`. */
interface ListLits {
  open: Literal;
  sep: Literal;
  close: Literal;
}
const listLits = (pad: string): ListLits => ({
  open: literal(`[\n${pad}  `),
  sep: literal(`,\n${pad}  `),
  close: literal(`\n${pad}]`),
});
const EMPTY = literal('[]');

function writeList<T>(
  j: JsonBytes,
  items: readonly T[],
  lits: ListLits,
  writeItem: (j: JsonBytes, item: T, index: number) => void,
): void {
  if (items.length === 0) return j.lit(EMPTY);
  j.lit(lits.open);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) j.lit(lits.sep);
    writeItem(j, items[i] as T, i);
  }
  j.lit(lits.close);
}

/** Field keys of an object whose fields sit at indentation `pad`: `,\n<pad>"key": `. */
const key = (pad: string, name: string, first = false): Literal =>
  literal(`${first ? '{' : ','}\n${pad}"${name}": `);
const NULL = literal('null');
const TRUE = literal('true');
const FALSE = literal('false');

/** Diagnostic lists at two depths: the top level and inside a site. */
function makeDiagnosticWriter(pad: string): (j: JsonBytes, ds: readonly Diagnostic[]) => void {
  const p = pad + '    ';
  const lits = listLits(pad);
  const severity = key(p, 'severity', true);
  const code = key(p, 'code');
  const message = key(p, 'message');
  const end = literal(`\n${pad}  }`);
  const writeOne = (j: JsonBytes, d: Diagnostic): void => {
    j.lit(severity);
    j.str(d.severity);
    j.lit(code);
    j.str(d.code);
    j.lit(message);
    j.str(d.message);
    j.lit(end);
  };
  return (j, ds) => writeList(j, ds, lits, writeOne);
}
const writeTopDiagnostics = makeDiagnosticWriter('  ');
const writeSiteDiagnostics = makeDiagnosticWriter('      ');

const P6 = '      ';
const P10 = '          ';
const LIST6 = listLits(P6);
const END8 = literal('\n        }');
const SITE = {
  addr: key(P6, 'addr', true),
  symbol: key(P6, 'symbol'),
  place: key(P6, 'place'),
  len: key(P6, 'len'),
  selected: key(P6, 'selected'),
  entries: key(P6, 'entries'),
  old: key(P6, 'old'),
  final: key(P6, 'final'),
  writes: key(P6, 'writes'),
  relocations: key(P6, 'relocations'),
  diagnostics: key(P6, 'diagnostics'),
  beforeAlternatives: key(P6, 'beforeAlternatives'),
  writtenBy: key(P6, 'writtenBy'),
  end: literal('\n    }'),
};
const WRITE = {
  entry: key(P10, 'entry', true),
  kind: key(P10, 'kind'),
  before: key(P10, 'before'),
  after: key(P10, 'after'),
};
const RELOCATION = {
  offset: key(P10, 'offset', true),
  kind: key(P10, 'kind'),
  fieldOffset: key(P10, 'fieldOffset'),
  width: key(P10, 'width'),
  oldDisp: key(P10, 'oldDisp'),
  newDisp: key(P10, 'newDisp'),
  target: key(P10, 'target'),
  shrunk: literal(`,\n${P10}"shrunk": true`),
};

function writeWrite(j: JsonBytes, w: SiteWrite): void {
  j.lit(WRITE.entry);
  if (w.entry === null) j.lit(NULL);
  else j.num(w.entry);
  j.lit(WRITE.kind);
  j.str(w.kind);
  j.lit(WRITE.before);
  j.hex(w.before);
  j.lit(WRITE.after);
  j.hex(w.after);
  j.lit(END8);
}

function writeRelocation(j: JsonBytes, x: Relocation): void {
  j.lit(RELOCATION.offset);
  j.num(x.offset);
  j.lit(RELOCATION.kind);
  j.str(x.kind);
  j.lit(RELOCATION.fieldOffset);
  j.num(x.fieldOffset);
  j.lit(RELOCATION.width);
  j.num(x.width);
  j.lit(RELOCATION.oldDisp);
  j.num(x.oldDisp);
  j.lit(RELOCATION.newDisp);
  j.num(x.newDisp);
  j.lit(RELOCATION.target);
  j.addr(x.target);
  if (x.shrunk) j.lit(RELOCATION.shrunk);
  j.lit(END8);
}

/**
 * The text of an entry up to its `eligible` value, which depends only on cpuid and flags:
 * memoised, since a kernel has thousands of entries but a few hundred distinct pairs.
 */
function makeEntryHead(kernel: KernelVersion): (e: AltEntry) => Literal {
  const cat = getCatalogue(kernel);
  const memo = new Map<number, Literal>();
  return (e) => {
    const memoKey = e.cpuid * 0x1_0000_0000 + (e.flags >>> 0);
    let head = memo.get(memoKey);
    if (head === undefined) {
      const name = cat.byIndex.get(e.cpuid)?.name;
      const flags = flagNames(e.flags).map((f) => JSON.stringify(f));
      const flagList =
        flags.length === 0 ? '[]' : `[\n${P10}  ${flags.join(`,\n${P10}  `)}\n${P10}]`;
      head = literal(
        `{\n${P10}"feature": ${JSON.stringify(formatFeatureIndex(e.cpuid))},\n` +
          `${P10}"name": ${name === undefined ? 'null' : JSON.stringify(name)},\n` +
          `${P10}"flags": ${flagList},\n${P10}"eligible": `,
      );
      memo.set(memoKey, head);
    }
    return head;
  };
}

function writeSite(
  j: JsonBytes,
  r: SiteResult,
  i: number,
  table: AltTable,
  entryHead: (e: AltEntry) => Literal,
  pre?: ReadonlyMap<bigint, PreAlternatives>,
): void {
  // simulate() reports the table's sites in order; search only if a caller reordered them.
  const same = table.sites[i];
  const site = same?.addr === r.addr ? same : table.sites.find((s) => s.addr === r.addr);
  j.lit(SITE.addr);
  j.addr(r.addr);
  j.lit(SITE.symbol);
  if (r.symbol == null) j.lit(NULL);
  else j.str(r.symbol);
  if (site?.place) {
    j.lit(SITE.place);
    j.str(site.place);
  }
  j.lit(SITE.len);
  j.num(r.len);
  j.lit(SITE.selected);
  if (r.selected === null) j.lit(NULL);
  else j.num(r.selected);
  j.lit(SITE.entries);
  writeList(j, site?.entries ?? [], LIST6, (j, e, k) => {
    j.lit(entryHead(e));
    j.lit(r.verdicts[k]?.eligible ? TRUE : FALSE);
    j.lit(END8);
  });
  j.lit(SITE.old);
  j.hex(r.original);
  j.lit(SITE.final);
  j.hex(r.final);
  j.lit(SITE.writes);
  writeList(j, r.writes, LIST6, writeWrite);
  j.lit(SITE.relocations);
  writeList(j, r.relocations, LIST6, writeRelocation);
  j.lit(SITE.diagnostics);
  writeSiteDiagnostics(j, r.diagnostics);
  const p = pre?.get(r.addr);
  if (p) {
    // Additive (issue 10): what the earlier boot passes left here, and which of them wrote.
    j.lit(SITE.beforeAlternatives);
    j.hex(p.before);
    j.lit(SITE.writtenBy);
    writeList(j, p.writtenBy, LIST6, (j, name) => j.str(name));
  }
  j.lit(SITE.end);
}

const TOP = {
  kernel: key('  ', 'kernel', true),
  engine: key('  ', 'engine'),
  sites: key('  ', 'sites'),
  diagnostics: key('  ', 'diagnostics'),
  end: literal('\n}\n'),
};
const LIST2 = listLits('  ');

/**
 * The JSON document, pretty-printed with two spaces and a final newline. With `pre` (a kernel
 * whose other boot passes were run), each site also gets `beforeAlternatives` and `writtenBy`.
 */
export function formatPatchJson(
  report: PatchReport,
  table: AltTable,
  pre?: ReadonlyMap<bigint, PreAlternatives>,
): string {
  return new TextDecoder().decode(formatPatchJsonBytes(report, table, pre));
}

/** `formatPatchJson` as UTF-8 bytes, for writing straight to stdout. */
export function formatPatchJsonBytes(
  report: PatchReport,
  table: AltTable,
  pre?: ReadonlyMap<bigint, PreAlternatives>,
): Uint8Array {
  const w = new PatchJsonWriter(report, table, pre);
  report.sites.forEach((r, i) => w.site(r, i));
  return w.finish(report.diagnostics);
}

/**
 * The same document written as the simulation goes (`simulateEach`): each site's text is
 * written when its result is made, so no result outlives its own site.
 */
export class PatchJsonWriter {
  private readonly j: JsonBytes;
  private readonly entryHead: (e: AltEntry) => Literal;
  private sites = 0;

  constructor(
    report: Pick<PatchReport, 'kernel' | 'loop'>,
    private readonly table: AltTable,
    private readonly pre?: ReadonlyMap<bigint, PreAlternatives>,
  ) {
    // ~780 bytes per site in a kernel's report: one buffer, no doubling copies on the way.
    this.j = new JsonBytes(table.sites.length * (pre ? 900 : 800) + 4096);
    this.entryHead = makeEntryHead(report.kernel);
    this.j.lit(TOP.kernel);
    this.j.str(report.kernel);
    this.j.lit(TOP.engine);
    this.j.str(report.loop);
    this.j.lit(TOP.sites);
  }

  /** The result of the `index`th site of the table. */
  site(r: SiteResult, index: number): void {
    this.j.lit(this.sites++ === 0 ? LIST2.open : LIST2.sep);
    writeSite(this.j, r, index, this.table, this.entryHead, this.pre);
  }

  /** Close the site list, add the table-level diagnostics: the whole document's bytes. */
  finish(diagnostics: readonly Diagnostic[]): Uint8Array {
    this.j.lit(this.sites === 0 ? EMPTY : LIST2.close);
    this.j.lit(TOP.diagnostics);
    writeTopDiagnostics(this.j, diagnostics);
    this.j.lit(TOP.end);
    return this.j.bytes();
  }
}
