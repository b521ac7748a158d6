/** `--sites PATTERN[,PATTERN…]` for every command that can narrow a table to a few sites. */
import type { AltTable } from '../core/model';
import { selectSites, subsetTable } from '../binary/selectSites';
import type { ParsedArgs } from './args';

/** The table narrowed to the `--sites` patterns (unchanged without any), or why not. */
export function applySitesArg(
  table: AltTable,
  args: ParsedArgs,
  command: string,
): { ok: true; table: AltTable } | { ok: false; message: string } {
  const patterns = (args.values.get('sites') ?? [])
    .flatMap((v) => v.split(','))
    .map((p) => p.trim())
    .filter(Boolean);
  if (patterns.length === 0) return { ok: true, table };
  const sel = selectSites(table.sites, patterns);
  if (sel.unmatched.length > 0)
    return {
      ok: false,
      message: `altscope ${command}: no site matches ${sel.unmatched.map((p) => `'${p}'`).join(', ')}`,
    };
  return { ok: true, table: subsetTable(table, sel.sites) };
}
