import type { Diagnostic } from '../core/model';
import { toAddr } from '../core/model';
import type { DiffRun } from '../core/passes/memdiff';

/**
 * Read a `memdiff.txt` (`VA HEXBYTES` per line, `#` comments, blank lines ignored). Bad lines
 * are diagnostics with their line number; the good ones are still returned.
 */
export function parseMemdiff(
  text: string,
  file = 'memdiff.txt',
): { runs: DiffRun[]; diagnostics: Diagnostic[] } {
  const runs: DiffRun[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([0-9a-fA-F]{1,16})\s+((?:[0-9a-fA-F]{2})+)$/.exec(line);
    if (!m) {
      diagnostics.push({
        severity: 'error',
        code: 'memdiff-line',
        message: 'expected "VA HEXBYTES" (hex address, then an even number of hex digits)',
        location: { kind: 'text', line: i + 1, column: 1, file },
      });
      continue;
    }
    const hex = m[2] as string;
    const bytes = new Uint8Array(hex.length / 2);
    for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
    runs.push({ addr: toAddr(BigInt('0x' + (m[1] as string))), bytes });
  }
  return { runs, diagnostics };
}
