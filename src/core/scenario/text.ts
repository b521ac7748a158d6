/**
 * Parser of the human scenario format (docs/scenario-format.md). Line oriented: each line is
 * a statement (`kernel`, `features`, `symbol`, `memory`, `pointer`, `site`, `orig`, `alt`) or
 * more bytes for the statement above it. Errors carry line:column, say what was expected, and
 * parsing goes on at the next line so one run reports every mistake. Never throws.
 */
import type {
  Addr,
  AltTable,
  Diagnostic,
  FeatureIndex,
  KernelSymbol,
  KernelVersion,
  MemoryRange,
  Site,
  SourceLocation,
} from '../model';
import { KERNEL_VERSIONS, toAddr } from '../model';
import { formatAddr, parseAddrExpr, SYMBOL_NAME } from './addr';
import { resolveScenarioFeature } from './feature';
import { startsByteLine } from './hex';
import type { ByteLine, ByteSink } from './textBytes';
import { appendBytes } from './textBytes';
import type { Token } from './lexer';
import { restOfLine, tokenizeLine } from './lexer';
import type { SiteDraft } from './textDraft';
import type { EntryContext } from './textEntry';
import { parseEntryHead } from './textEntry';
import { buildSite, DEFAULT_REPLACEMENT_BASE, layOutReplacements } from './textDraft';
import type { MacroSupport } from './textMacro';
import { expandDraft } from './textMacro';
import type { MacroExpansion } from '../macros/expand';
import { MACRO_WORDS, parseMacroCall } from '../macros/macroSyntax';
import { getProfile } from '../profiles';

/** `6.1, 6.12, 7.2 or 7.3`. */
const KERNEL_CHOICES = `${KERNEL_VERSIONS.slice(0, -1).join(', ')} or ${KERNEL_VERSIONS.at(-1)}`;

/** What a parser returns: a table when there were no errors, and every diagnostic. */
export interface ScenarioParse {
  table?: AltTable;
  diagnostics: Diagnostic[];
  /** Text only: every line that holds bytes, with their address (even when there are errors). */
  byteLines?: ByteLine[];
}

export const STATEMENTS = [
  'kernel',
  'features',
  'symbol',
  'memory',
  'pointer',
  'site',
  'orig',
  'alt',
] as const;

class TextParser implements EntryContext {
  readonly diagnostics: Diagnostic[] = [];
  kernel: KernelVersion = '7.2';
  private sawStatement = false;
  private readonly features: FeatureIndex[] = [];
  private readonly symbols = new Map<string, { addr: Addr; line: number }>();
  private readonly symbolAddrs = new Map<string, Addr>();
  private readonly memory: { addr: Addr; bytes: number[] }[] = [];
  private readonly sites: SiteDraft[] = [];
  private site: SiteDraft | undefined;
  private sink: ByteSink | undefined;
  private line = 0;
  private readonly lines: { line: number; sink: ByteSink; from: number; to: number }[] = [];

  constructor(
    private readonly file: string | undefined,
    private readonly kernelOverride: KernelVersion | undefined,
    private readonly macros: Partial<MacroSupport>,
  ) {
    if (kernelOverride) this.kernel = kernelOverride;
  }

  at(column: number): SourceLocation {
    const loc: SourceLocation = { kind: 'text', line: this.line, column };
    if (this.file !== undefined) loc.file = this.file;
    return loc;
  }

  error(column: number, message: string, code = 'scenario-syntax'): void {
    this.diagnostics.push({ severity: 'error', code, message, location: this.at(column) });
  }

  warn(column: number, message: string, code: string): void {
    this.diagnostics.push({ severity: 'warning', code, message, location: this.at(column) });
  }

  parseLine(lineNo: number, text: string): void {
    this.line = lineNo;
    const tokens = tokenizeLine(text);
    const head = tokens[0];
    if (!head) return;
    const word = /^[A-Za-z_0-9]+/.exec(head.text)?.[0] ?? '';
    if (MACRO_WORDS.includes(word)) {
      this.sink = undefined;
      this.parseMacro(head, text);
      this.sawStatement = true;
      return;
    }
    const statement = STATEMENTS.find((s) => s === head.text);
    if (statement === undefined) {
      this.continueBytes(tokens);
      return;
    }
    // A statement ends the byte run above it; on error the run stays closed (no cascades).
    this.sink = undefined;
    if (statement === 'kernel') this.parseKernel(tokens);
    else if (statement === 'features') this.parseFeatures(tokens);
    else if (statement === 'symbol') this.parseSymbol(tokens);
    else if (statement === 'memory') this.parseMemory(tokens);
    else if (statement === 'pointer') this.parsePointer(tokens);
    else if (statement === 'site') this.parseSite(tokens, text);
    else if (statement === 'orig') this.parseOrig(tokens);
    else this.parseAlt(tokens);
    this.sawStatement = true;
  }

  private continueBytes(tokens: Token[]): void {
    const head = tokens[0]!;
    if (!startsByteLine(head.text)) {
      this.error(
        head.column,
        `expected a statement (${STATEMENTS.join(', ')}), found '${head.text}'`,
      );
      this.sink = { bytes: [] };
      return;
    }
    if (!this.sink) {
      if (this.sawStatement) {
        this.error(
          head.column,
          `bytes here belong to no statement (expected them after 'orig', 'alt' or 'memory')`,
        );
      } else {
        this.error(
          head.column,
          `expected a statement (${STATEMENTS.join(', ')}), found '${head.text}'`,
        );
      }
      this.sink = { bytes: [] }; // swallow the rest of this run silently
      return;
    }
    this.append(this.sink, tokens);
  }

  /** Add a line's bytes to the run, remembering where they sit for byteLines. */
  private append(sink: ByteSink, tokens: Token[]): void {
    const from = sink.bytes.length;
    appendBytes(this, sink, tokens);
    if (sink.base && sink.bytes.length > from)
      this.lines.push({ line: this.line, sink, from, to: sink.bytes.length });
  }

  /** Every byte line with its address, resolved once replacements are laid out. */
  byteLines(): ByteLine[] {
    return this.lines.map(({ line, sink, from, to }) => {
      const base = sink.base?.();
      const out: ByteLine = { line, bytes: Uint8Array.from(sink.bytes.slice(from, to)) };
      if (base !== undefined) out.addr = BigInt.asUintN(64, base + BigInt(from));
      return out;
    });
  }

  private expectEnd(tokens: Token[], from: number, after: string): void {
    const extra = tokens[from];
    if (extra) this.error(extra.column, `unexpected '${extra.text}' after ${after}`);
  }

  private parseKernel(tokens: Token[]): void {
    const v = tokens[1];
    if (this.sawStatement) {
      this.error(
        tokens[0]!.column,
        `'kernel' must be the first statement (feature names depend on it)`,
      );
      return;
    }
    if (!v)
      return this.error(tokens[0]!.column + 6, `expected a kernel version (${KERNEL_CHOICES})`);
    const k = KERNEL_VERSIONS.find((x) => x === v.text);
    if (!k)
      return this.error(
        v.column,
        `expected a kernel version (${KERNEL_CHOICES}), found '${v.text}'`,
      );
    // A chosen profile wins: the statement is still checked, its names resolved in the choice.
    if (!this.kernelOverride) this.kernel = k;
    this.expectEnd(tokens, 2, 'the kernel version');
  }

  private parseFeatures(tokens: Token[]): void {
    if (tokens.length === 1)
      this.error(tokens[0]!.column + 8, `expected feature names after 'features'`);
    for (const t of tokens.slice(1)) {
      const r = resolveScenarioFeature(t.text, this.kernel);
      if (!r.ok) this.error(t.column, r.message, 'scenario-unknown-feature');
      else if (!this.features.includes(r.index)) this.features.push(r.index);
    }
  }

  readAddr(tokens: Token[], i: number, what: string): Addr | undefined {
    const t = tokens[i];
    if (!t) {
      const last = tokens[tokens.length - 1]!;
      this.error(last.column + last.text.length + 1, `expected ${what}`);
      return undefined;
    }
    const r = parseAddrExpr(t.text, this.symbolAddrs);
    if (!r.ok) {
      this.error(
        t.column,
        r.message,
        r.message.startsWith('unknown symbol') ? 'scenario-unknown-symbol' : 'scenario-syntax',
      );
      return undefined;
    }
    return r.value;
  }

  private parseSymbol(tokens: Token[]): void {
    const name = tokens[1];
    if (!name || !SYMBOL_NAME.test(name.text)) {
      this.error(
        name?.column ?? tokens[0]!.column + 7,
        `expected a symbol name${name ? `, found '${name.text}'` : ''}`,
      );
      return;
    }
    const prev = this.symbols.get(name.text);
    if (prev)
      return this.error(
        name.column,
        `symbol '${name.text}' is already declared at line ${prev.line}`,
        'scenario-duplicate',
      );
    const addr = this.readAddr(tokens, 2, `an address for symbol '${name.text}'`);
    if (addr === undefined) return;
    this.symbols.set(name.text, { addr, line: this.line });
    this.symbolAddrs.set(name.text, addr);
    this.expectEnd(tokens, 3, 'the symbol address');
  }

  private parseMemory(tokens: Token[]): void {
    const addr = this.readAddr(tokens, 1, 'an address after memory');
    if (addr === undefined) return;
    const range = { addr, bytes: [] as number[] };
    this.memory.push(range);
    this.sink = { bytes: range.bytes, next: addr, base: () => addr };
    this.append(this.sink, tokens.slice(2));
  }

  /** `pointer ADDR = VALUE`: eight little-endian bytes, e.g. a `pv_ops` slot. */
  private parsePointer(tokens: Token[]): void {
    const addr = this.readAddr(tokens, 1, 'the address of the pointer slot');
    if (addr === undefined) return;
    const i = tokens[2]?.text === '=' ? 3 : 2;
    const t = tokens[i];
    let value: bigint | undefined;
    if (t && (t.text === 'NULL' || t.text === '0')) value = 0n;
    else value = this.readAddr(tokens, i, 'the pointer value (an address, a symbol or NULL)');
    if (value === undefined) return;
    const bytes: number[] = [];
    for (let b = 0n; b < 64n; b += 8n) bytes.push(Number((value >> b) & 0xffn));
    this.memory.push({ addr, bytes });
    this.expectEnd(tokens, i + 1, 'the pointer value');
  }

  private parseSite(tokens: Token[], text: string): void {
    this.site = undefined;
    const addr = this.readAddr(tokens, 1, 'the site address');
    if (addr === undefined) return;
    const dup = this.sites.find((s) => s.addr === addr);
    if (dup) {
      this.error(
        tokens[1]!.column,
        `site ${formatAddr(addr)} is already declared at line ${(dup.at as { line: number }).line}`,
        'scenario-duplicate',
      );
      return;
    }
    const draft: SiteDraft = { addr, at: this.at(tokens[0]!.column), entries: [] };
    const sym = tokens[2] ? restOfLine(text, tokens[2].column) : '';
    if (sym !== '') draft.symbol = sym;
    this.sites.push(draft);
    this.site = draft;
  }

  private requireSite(t: Token): SiteDraft | undefined {
    if (!this.site) this.error(t.column, `'${t.text}' outside a site (start one with: site 0x…)`);
    return this.site;
  }

  private parseOrig(tokens: Token[]): void {
    const site = this.requireSite(tokens[0]!);
    if (!site) return;
    if (site.orig) {
      this.error(
        tokens[0]!.column,
        `site ${formatAddr(site.addr)} already has its original bytes (line ${(site.origAt as { line: number }).line})`,
        'scenario-duplicate',
      );
      this.sink = { bytes: [] };
      return;
    }
    site.orig = [];
    site.origAt = this.at(tokens[0]!.column);
    this.sink = { bytes: site.orig, next: site.addr, site, base: () => site.addr };
    this.append(this.sink, tokens.slice(1));
  }

  /** A macro statement stands for the site's `orig` and `alt` lines. */
  private parseMacro(head: Token, text: string): void {
    const site = this.requireSite(head);
    if (!site) return;
    if (site.orig || site.entries.length || site.macro) {
      this.error(
        head.column,
        `site ${formatAddr(site.addr)} already has its bytes: a macro replaces its 'orig' and 'alt' lines`,
        'scenario-duplicate',
      );
      site.broken = true;
      return;
    }
    const r = parseMacroCall(text.slice(head.column - 1), head.column);
    if (!r.ok) {
      this.error(r.column, r.message, 'scenario-macro');
      site.broken = true;
      return;
    }
    site.macro = { call: r.call, at: this.at(head.column) };
  }

  private parseAlt(tokens: Token[]): void {
    if (this.site?.macro) {
      this.error(
        tokens[0]!.column,
        `'alt' after a macro statement: the macro already lists the entries`,
        'scenario-duplicate',
      );
      this.site.broken = true;
      return;
    }
    const site = this.requireSite(tokens[0]!);
    const entry = site && parseEntryHead(tokens, this);
    if (!site || !entry) {
      if (site) site.broken = true;
      this.sink = { bytes: [] };
      return;
    }
    site.entries.push(entry.draft);
    const draft = entry.draft;
    this.sink = {
      bytes: draft.bytes,
      site,
      base: () => draft.laidOut ?? draft.repl,
      onFirstAddress: (a, column) => {
        if (draft.repl === undefined) draft.repl = toAddr(a);
        else if (draft.repl !== a) {
          this.warn(
            column,
            `pasted address ${formatAddr(a)} differs from 'at ${formatAddr(draft.repl)}'`,
            'scenario-address-mismatch',
          );
        }
      },
    };
    if (draft.repl !== undefined) this.sink.next = draft.repl;
    this.append(this.sink, tokens.slice(entry.bytesFrom));
  }

  finish(): AltTable | undefined {
    const sites: Site[] = [];
    let index = 0;
    const report = (d: Diagnostic): void => void this.diagnostics.push(d);
    const profile = getProfile(this.kernel);
    const support: MacroSupport = {
      layout: this.macros.layout ?? profile.macroLayout,
      directCall: this.macros.directCall ?? profile.directCall,
      ...(this.macros.assembler ? { assembler: this.macros.assembler } : {}),
    };
    // Macros expand first, at the replacement address the explicit lines before them leave
    // free (layOutReplacements' running address), so both kinds of site share one layout.
    const expansions = new Map<SiteDraft, MacroExpansion>();
    let next = DEFAULT_REPLACEMENT_BASE;
    for (const draft of this.sites) {
      const macro = draft.macro;
      if (macro) {
        const expansion = expandDraft(
          Object.assign(draft, { macro }),
          next,
          support,
          this.symbolAddrs,
          (t) => resolveScenarioFeature(t, this.kernel),
          report,
        );
        if (expansion) expansions.set(draft, expansion);
      }
      for (const e of draft.entries) next = toAddr((e.repl ?? next) + BigInt(e.bytes.length));
    }
    layOutReplacements(this.sites);
    for (const draft of this.sites) {
      const expansion = expansions.get(draft);
      const site = buildSite(draft, index, report);
      index += draft.entries.length;
      if (site && expansion) site.expansion = expansion;
      if (site) sites.push(site);
    }
    if (this.diagnostics.some((d) => d.severity === 'error')) return undefined;
    const memory: MemoryRange[] = this.memory.map((m) => ({
      addr: m.addr,
      bytes: Uint8Array.from(m.bytes),
    }));
    const symbols: KernelSymbol[] = [...this.symbolAddrs].map(([name, addr]) => ({ name, addr }));
    return { kernel: this.kernel, sites, memory, symbols, features: [...this.features] };
  }
}

/**
 * Parse the text scenario format. `file` is only copied into diagnostic locations. `kernel`,
 * when given, replaces the `kernel` statement's profile: feature names are resolved in that
 * profile's catalogue (what the same source means on another kernel; bits move between versions).
 */
export function parseTextScenario(
  text: string,
  file?: string,
  kernel?: KernelVersion,
  macros: Partial<MacroSupport> = {},
): ScenarioParse {
  const parser = new TextParser(file, kernel, macros);
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => parser.parseLine(i + 1, line));
  const table = parser.finish();
  const byteLines = parser.byteLines();
  return table
    ? { table, diagnostics: parser.diagnostics, byteLines }
    : { diagnostics: parser.diagnostics, byteLines };
}
