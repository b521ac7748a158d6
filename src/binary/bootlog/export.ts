import { formatAltTableLine } from '../../core/patch/log';
import type { PatchReport } from '../../core/patch/report';
import { findAltMessage, parseAltMessage } from './lines';

/** `__alt_instructions` bounds for the `alt table` line (known for ELF images and logs). */
export interface AltBounds {
  start: bigint;
  end: bigint;
}

/**
 * The `debug-alternative` (DA_ALT) lines the kernel would print for this report, without
 * timestamps: the `alt table` line (when the table's bounds are known) and each site's lines in
 * table order, as the engine produced them for its profile.
 */
export function exportDebugLog(report: PatchReport, bounds?: AltBounds): string[] {
  const out: string[] = [];
  if (bounds) out.push(formatAltTableLine(bounds.start, bounds.end));
  for (const s of report.sites) out.push(...s.log);
  return out;
}

/**
 * The DA_ALT lines of one `alt table` block of a console log, timestamps removed — what
 * `exportDebugLog` is compared with. `tableIndex` counts `alt table` lines from 0.
 */
export function extractDebugLog(text: string, tableIndex = 0): string[] {
  const out: string[] = [];
  let table = -1;
  for (const raw of text.split('\n')) {
    const at = findAltMessage(raw);
    if (at < 0) continue;
    const msg = raw.slice(at).replace(/\r$/, '');
    const parsed = parseAltMessage(msg, 1);
    if (!parsed || parsed.kind === 'bad') continue;
    if (parsed.kind === 'table') table++;
    if (table === tableIndex) out.push(`SMP alternatives: ${msg}`);
    else if (table > tableIndex) break;
  }
  return out;
}
