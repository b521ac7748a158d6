import type { Diagnostic } from '../core/model';
import { columnsOfNamed, SymbolIndex, type NamedAddr } from './elf/kallsyms';
import { lineError, okResult, failResult, type ReadResult } from './result';

/** At most this many errors are listed; a file that is mostly garbage is not a System.map. */
const MAX_ERRORS = 20;

/**
 * Read a System.map (`ffffffff81000000 T _text` per line) into a `%pS` name index. Absolute
 * (`a`/`A`) and undefined symbols are skipped as kallsyms skips them; weak ones rank last.
 */
export function readSystemMap(text: string): ReadResult<SymbolIndex> {
  const names: NamedAddr[] = [];
  const errors: Diagnostic[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const s = raw.trimEnd();
    if (s === '') continue;
    const m = /^([0-9a-fA-F]{1,16}) ([A-Za-z?-]) (\S+)/.exec(s);
    if (!m) {
      if (errors.length < MAX_ERRORS)
        errors.push(
          lineError(
            'system-map',
            `expected "<address> <type> <name>", got "${s.slice(0, 60)}"`,
            line,
          ),
        );
      continue;
    }
    const type = m[2] as string;
    if (type === 'a' || type === 'A' || type === 'U') continue;
    names.push({
      name: m[3] as string,
      addr: BigInt(`0x${m[1]}`),
      weak: type === 'w' || type === 'W' || type === 'v' || type === 'V',
    });
  }
  if (names.length === 0)
    return failResult(
      ...(errors.length ? errors : [lineError('system-map', 'no symbols in the System.map', 1)]),
    );
  return okResult(
    new SymbolIndex(columnsOfNamed(names)),
    errors.map((e) => ({ ...e, severity: 'warning' as const })),
  );
}
