/**
 * The boot log's lines of the passes before and after alternatives (`debug-alternative`):
 * `retpoline at:` (DA_RETPOLINE), `return thunk at:` (DA_RET) and `ENDBR at:` (DA_ENDBR), each
 * optionally followed by `<px>: orig: …` and `<px>: repl: …` dumps when the pass wrote.
 */
import type { Diagnostic } from '../../core/model';
import { parseDumpBytes } from './lines';

export type PassLogKind = 'retpoline' | 'return thunk' | 'ENDBR';

/** One logged pass record. */
export interface PassLogEntry {
  kind: PassLogKind;
  /** 1-based line of the `… at:` line. */
  line: number;
  symbol: string;
  addr: bigint;
  len?: number;
  /** The `to: %pS` target. */
  to?: string;
  orig?: Uint8Array;
  repl?: Uint8Array;
}

const AT =
  /SMP alternatives: (retpoline|return thunk|ENDBR) at: (\S+) \(([0-9a-f]{16})\)(?: len: (\d+) to: (\S+))?\s*$/;
const DUMP = /SMP alternatives: ([0-9a-f]{16}): (orig|repl):(.*)$/;

/** Every pass record of a log, in log order; unparsable dumps are diagnostics. */
export function parsePassLog(text: string): { entries: PassLogEntry[]; diagnostics: Diagnostic[] } {
  const entries: PassLogEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  let last: PassLogEntry | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).replace(/\r$/, '');
    if (!raw.includes('SMP alternatives: ')) continue;
    const at = AT.exec(raw);
    if (at) {
      last = {
        kind: at[1] as PassLogKind,
        line: i + 1,
        symbol: at[2] as string,
        addr: BigInt(`0x${at[3]}`),
      };
      if (at[4] !== undefined) last.len = Number(at[4]);
      if (at[5] !== undefined) last.to = at[5];
      entries.push(last);
      continue;
    }
    const d = DUMP.exec(raw);
    if (!d) continue;
    const bytes = parseDumpBytes(d[3] as string);
    if (!bytes || !last || last.addr !== BigInt(`0x${d[1]}`)) {
      diagnostics.push({
        severity: 'warning',
        code: 'pass-log-dump',
        message: bytes
          ? `${d[2]}: dump of ${d[1]} follows no "at:" line of that address`
          : `bad bytes in ${d[2]}: dump`,
        location: { kind: 'text', line: i + 1, column: raw.indexOf(d[1] as string) + 1 },
      });
      continue;
    }
    if (d[2] === 'orig') last.orig = bytes;
    else last.repl = bytes;
  }
  return { entries, diagnostics };
}
