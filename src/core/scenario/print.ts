/**
 * Printer of the text scenario format: the inverse of `parseTextScenario`, so that
 * `parse(print(t))` gives `t` back (source positions aside). Omits what the parser would
 * default to (`instrlen` equal to the original's length, replacement addresses that follow
 * the previous replacement) so printed scenarios stay short enough to mail.
 */
import type { Addr, AltEntry, AltTable, KernelSymbol, MemoryRange, Site } from '../model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT, toAddr } from '../model';
import { formatAddr } from './addr';
import { formatScenarioFeature } from './feature';
import { formatHexSpaced } from './hex';
import { DEFAULT_REPLACEMENT_BASE } from './textDraft';

const BYTES_PER_LINE = 16;
const CONTINUATION = '    ';

/** Bytes after a statement head: the first line inline, the rest on indented lines. */
function formatByteLines(head: string, bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [head];
  const lines = [`${head} ${formatHexSpaced(bytes.subarray(0, BYTES_PER_LINE))}`];
  for (let i = BYTES_PER_LINE; i < bytes.length; i += BYTES_PER_LINE) {
    lines.push(CONTINUATION + formatHexSpaced(bytes.subarray(i, i + BYTES_PER_LINE)));
  }
  return lines;
}

/** `pv_ops+0x40` when a declared symbol lies just below `addr`, else the raw address. */
function formatNearSymbol(addr: Addr, symbols: readonly KernelSymbol[]): string {
  let best: KernelSymbol | undefined;
  for (const s of symbols) {
    if (s.addr <= addr && addr - s.addr < 0x10000n && (!best || s.addr > best.addr)) best = s;
  }
  if (!best) return formatAddr(addr);
  return best.addr === addr ? best.name : `${best.name}+${formatAddr(addr - best.addr)}`;
}

function readPointer(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

function printMemory(m: MemoryRange, symbols: readonly KernelSymbol[]): string[] {
  if (m.bytes.length !== 8) return formatByteLines(`memory ${formatAddr(m.addr)}`, m.bytes);
  const value = readPointer(m.bytes);
  const named = symbols.find((s) => s.addr === value);
  const shown = value === 0n ? 'NULL' : named ? named.name : formatAddr(value);
  return [`pointer ${formatNearSymbol(m.addr, symbols)} = ${shown}`];
}

function printEntry(e: AltEntry, site: Site, kernel: AltTable['kernel'], nextRepl: Addr): string[] {
  const words = ['  alt'];
  if (e.flags & ALT_FLAG_NOT) words.push('NOT');
  words.push(formatScenarioFeature(e.cpuid, kernel));
  if (e.flags & ALT_FLAG_DIRECT_CALL) words.push('DIRECT_CALL');
  const otherFlags = e.flags & ~(ALT_FLAG_NOT | ALT_FLAG_DIRECT_CALL);
  if (otherFlags !== 0) words.push('flags', formatAddr(BigInt(otherFlags)));
  if (e.instrlen !== site.original.length) words.push('instrlen', String(e.instrlen));
  if (e.repl !== nextRepl) words.push('at', formatAddr(e.repl));
  return formatByteLines(words.join(' '), e.replacement);
}

/** Print a table in the text scenario format. */
export function printTextScenario(table: AltTable): string {
  const out: string[] = [`kernel ${table.kernel}`];
  if (table.features.length > 0) {
    out.push(
      `features ${table.features.map((f) => formatScenarioFeature(f, table.kernel)).join(' ')}`,
    );
  }
  for (const s of table.symbols) out.push(`symbol ${s.name} ${formatAddr(s.addr)}`);
  for (const m of table.memory) out.push(...printMemory(m, table.symbols));
  let nextRepl = DEFAULT_REPLACEMENT_BASE;
  for (const site of table.sites) {
    out.push(
      '',
      site.symbol
        ? `site ${formatAddr(site.addr)} ${site.symbol}`
        : `site ${formatAddr(site.addr)}`,
    );
    out.push(...formatByteLines('  orig', site.original));
    for (const e of site.entries) {
      out.push(...printEntry(e, site, table.kernel, nextRepl));
      nextRepl = toAddr(e.repl + BigInt(e.replacementlen));
    }
  }
  return out.join('\n') + '\n';
}

/**
 * A site's `orig` and `alt` lines alone, the first replacement address always given: what a
 * macro statement stands for ("Show as bytes"), with each level's instruction as a comment.
 */
export function printSiteBody(site: Site, kernel: AltTable['kernel']): string[] {
  const out = formatByteLines('  orig', site.original);
  if (site.expansion) out[0] += `   # ${site.expansion.oldText.replace(/\n/g, '; ') || '(empty)'}`;
  let nextRepl = toAddr(0n);
  site.entries.forEach((e, i) => {
    const lines = printEntry(e, site, kernel, nextRepl);
    const text = site.expansion?.levels[i]?.text;
    if (text !== undefined) lines[0] += `   # ${text.replace(/\n/g, '; ') || '(empty)'}`;
    out.push(...lines);
    nextRepl = toAddr(e.repl + BigInt(e.replacementlen));
  });
  return out;
}
