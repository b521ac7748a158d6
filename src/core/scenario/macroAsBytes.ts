/**
 * "Show as bytes": the text with one macro statement replaced by the `orig`/`alt` lines it
 * expands to, so the site reads (and round-trips) in the explicit form.
 */
import type { AltTable, Site } from '../model';
import { hasMacroStatement } from '../macros/macroSyntax';
import { printSiteBody } from './print';

/** The new text, or undefined when the site did not come from a macro statement of `text`. */
export function macroSiteAsBytes(
  text: string,
  site: Site,
  kernel: AltTable['kernel'],
): string | undefined {
  const at = site.entries[0]?.source;
  if (!site.expansion || at?.kind !== 'text') return undefined;
  const lines = text.split('\n');
  const line = lines[at.line - 1];
  if (line === undefined || !hasMacroStatement(line)) return undefined;
  lines.splice(at.line - 1, 1, ...printSiteBody(site, kernel));
  return lines.join('\n');
}
