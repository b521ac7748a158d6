import type { Diagnostic } from '../../core/model';
import { lineError } from '../result';
import { findAltMessage, parseAltMessage } from './lines';

/** A logged byte state of a site, in log order. */
export interface LoggedBytes {
  what: 'old_insn' | 'final_insn' | 'nops';
  bytes: Uint8Array;
  line: number;
  /** For `nops`: the `[start:end)` range. */
  range?: [number, number];
}

/** One `feat:` block: the entry the kernel applied and its dumps. */
export interface LogRecord {
  line: number;
  cpuid: number;
  not: boolean;
  flags?: number;
  symbol: string;
  addr: bigint;
  len: number;
  repl: bigint;
  replLen: number;
  oldInsn?: Uint8Array;
  rplInsn?: Uint8Array;
  finalInsn?: Uint8Array;
  /** The kernel printed this BUG message after the feat: line (and stopped). */
  bug?: { message: string; line: number };
}

/** Everything logged about one site address within one table. */
export interface LogSite {
  addr: bigint;
  symbol?: string;
  records: LogRecord[];
  /** old_insn / final_insn / optimized NOPs states in log order. */
  states: LoggedBytes[];
  /** Every DA_ALT line about this site (feat, dumps incl. rpl_insn, NOPs), normalised. */
  lines: { line: number; text: string }[];
  /** A NOPs line came between a feat line and its old_insn (6.12 order). */
  nopsBeforeOld: boolean;
  /** A NOPs line came after final_insn of the same record (7.2 order). */
  nopsAfterFinal: boolean;
  firstLine: number;
  /**
   * The boot stopped at this site: its last record has no final_insn and either a BUG message
   * follows it or it is the last record of the log (the console ends where the kernel died).
   */
  stopped?: boolean;
}

/** One `apply_alternatives()` call: vmlinux, then each module (or the vDSO images). */
export interface LogTable {
  /** `alt table` bounds; undefined for lines before any `alt table` line (e.g. a mail quote). */
  start?: bigint;
  end?: bigint;
  line: number;
  sites: LogSite[];
}

export interface BootLog {
  tables: LogTable[];
  /** Lines carrying a DA_ALT message. */
  altLines: number;
  lines: number;
}

/**
 * Parse a console log into tables and sites. Unknown text is skipped; a DA_ALT-looking line that
 * does not parse, or a dump with no feat line before it, is a diagnostic with its line:column.
 */
export function parseBootLog(text: string): { log: BootLog; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tables: LogTable[] = [];
  let table: LogTable | undefined;
  let bySite = new Map<bigint, LogSite>();
  let record: LogRecord | undefined;
  let recordSawFinal = false;
  let altLines = 0;
  const seenStamped = new Set<string>();
  let lineNo = 0;
  let pos = 0;
  const newTable = (line: number, start?: bigint, end?: bigint): LogTable => {
    const t: LogTable = { start, end, line, sites: [] };
    tables.push(t);
    bySite = new Map();
    record = undefined;
    return t;
  };
  const siteAt = (addr: bigint, line: number): LogSite => {
    table ??= newTable(line);
    let s = bySite.get(addr);
    if (!s) {
      s = {
        addr,
        records: [],
        states: [],
        lines: [],
        nopsBeforeOld: false,
        nopsAfterFinal: false,
        firstLine: line,
      };
      bySite.set(addr, s);
      table.sites.push(s);
    }
    return s;
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const raw = text.slice(pos, nl);
    pos = nl + 1;
    lineNo++;
    const at = findAltMessage(raw);
    if (at < 0) continue;
    // A quoted copy of timestamped lines (a mail reply) repeats them verbatim: read them once.
    const stamp = TIMESTAMP.exec(raw);
    if (stamp) {
      const key = raw.slice(stamp.index);
      if (seenStamped.has(key)) continue;
      seenStamped.add(key);
    }
    const msg = raw.endsWith('\r') ? raw.slice(at, -1) : raw.slice(at);
    const parsed = parseAltMessage(msg, at + 1);
    if (!parsed) continue;
    altLines++;
    // The kernel's text, without the disassembly someone may have pasted after a TAB.
    const norm = `SMP alternatives: ${msg.split('\t')[0]!.trimEnd()}`;
    switch (parsed.kind) {
      case 'bad':
        diagnostics.push(lineError('log-line', parsed.message, lineNo, parsed.column));
        break;
      case 'table':
        table = newTable(lineNo, parsed.start, parsed.end);
        break;
      case 'feat': {
        const site = siteAt(parsed.addr, lineNo);
        site.symbol ??= parsed.symbol;
        record = { ...parsed, line: lineNo };
        site.records.push(record);
        site.lines.push({ line: lineNo, text: norm });
        recordSawFinal = false;
        break;
      }
      case 'dump': {
        if (!record) {
          diagnostics.push(
            lineError(
              'log-orphan',
              `${parsed.which} dump with no feat: line before it`,
              lineNo,
              at + 1,
            ),
          );
          break;
        }
        const expectAddr = parsed.which === 'rpl_insn' ? record.repl : record.addr;
        if (parsed.addr !== expectAddr) {
          diagnostics.push(
            lineError(
              'log-orphan',
              `${parsed.which} at ${parsed.addr.toString(16)} does not belong to the feat: line at line ${record.line}`,
              lineNo,
              at + 1,
            ),
          );
          break;
        }
        siteAt(record.addr, lineNo).lines.push({ line: lineNo, text: norm });
        if (parsed.which === 'rpl_insn') record.rplInsn = parsed.bytes;
        else {
          const site = siteAt(parsed.addr, lineNo);
          site.states.push({ what: parsed.which, bytes: parsed.bytes, line: lineNo });
          if (parsed.which === 'old_insn') record.oldInsn = parsed.bytes;
          else {
            record.finalInsn = parsed.bytes;
            recordSawFinal = true;
          }
        }
        break;
      }
      case 'bug': {
        if (!record) break;
        record.bug = { message: parsed.message, line: lineNo };
        siteAt(record.addr, lineNo).lines.push({ line: lineNo, text: norm });
        break;
      }
      case 'fixup':
        if (!record)
          diagnostics.push(
            lineError(
              'log-orphan',
              'a 6.1 fix-up line with no feat: line before it',
              lineNo,
              at + 1,
            ),
          );
        else siteAt(record.addr, lineNo).lines.push({ line: lineNo, text: norm });
        break;
      case 'nops': {
        const site = siteAt(parsed.addr, lineNo);
        site.lines.push({ line: lineNo, text: norm });
        site.states.push({
          what: 'nops',
          bytes: parsed.bytes,
          line: lineNo,
          range: [parsed.start, parsed.end],
        });
        if (record && record.addr === parsed.addr) {
          if (!record.oldInsn) site.nopsBeforeOld = true;
          else if (recordSawFinal) site.nopsAfterFinal = true;
        }
        break;
      }
    }
  }
  markStopped(tables);
  return { log: { tables, altLines, lines: lineNo }, diagnostics };
}

/** Mark the sites where the boot stopped: a BUG after a record, or the log's last record cut short. */
function markStopped(tables: LogTable[]): void {
  let last: LogSite | undefined;
  for (const t of tables)
    for (const s of t.sites) {
      const r = s.records[s.records.length - 1];
      if (r?.bug) s.stopped = true;
      if (r && (!last || r.line > lastLine(last))) last = s;
    }
  const r = last?.records[last.records.length - 1];
  if (last && r && !r.finalInsn) last.stopped = true;
}

const lastLine = (s: LogSite): number => s.records[s.records.length - 1]?.line ?? 0;

const TIMESTAMP = /\[\s*\d+\.\d+\] /;

/** The bytes the log shows last for a site: what the kernel left there. */
export function lastLoggedBytes(site: LogSite): Uint8Array | undefined {
  return site.states[site.states.length - 1]?.bytes;
}
