import { readVmlinux } from '../../binary/elf/vmlinux';
import type { KernelVersion, Site } from '../../core/model';
import { paravirtFor } from '../../core/passes/paravirtSubset';
import { toScenarioJson } from '../../core/scenario/jsonWrite';

/**
 * `altscope link vmlinux --site …`: a whole kernel's table does not fit in a link (the 7.2
 * capture is 1.7 MB of JSON), so only the chosen sites travel, as a JSON scenario with the
 * image's symbols and pointer slots (which DIRECT_CALL entries read).
 */

/** The scenario to link, or why not. */
export type ElfScenario =
  | { ok: true; scenario: string; kernel: KernelVersion; siteAddrs: string[]; banner?: string }
  | { ok: false; message: string };

/** Picks the sites named by `specs` (an address `0x…`, a `%pS` name, or a function name). */
export function extractElfSites(
  path: string,
  bytes: Uint8Array,
  specs: readonly string[],
  kernel: KernelVersion | undefined,
): ElfScenario {
  const read = readVmlinux(bytes, kernel ? { kernel } : {});
  if (!read.ok) {
    const first = read.diagnostics.find((d) => d.severity === 'error') ?? read.diagnostics[0];
    // Reader messages usually say where already; add the offset only when they do not.
    const where =
      first?.location?.kind === 'offset' && !/offset/.test(first.message)
        ? ` (at byte offset ${first.location.offset})`
        : '';
    return { ok: false, message: `${path}: ${first?.message ?? 'not a readable vmlinux'}${where}` };
  }
  const table = read.value.table;
  if (specs.length === 0) {
    return {
      ok: false,
      message: `${path}: a kernel image has ${table.sites.length} sites, too many for a link; choose the ones to share with --site ADDR|SYMBOL`,
    };
  }
  const chosen: Site[] = [];
  for (const spec of specs) {
    const found = table.sites.filter((s) => matchesSite(s, spec));
    if (found.length === 0)
      return { ok: false, message: `${path}: no alternatives site matches --site ${spec}` };
    for (const s of found) if (!chosen.includes(s)) chosen.push(s);
  }
  return {
    ok: true,
    // 6.1: only the paravirt sites under the chosen ones travel.
    scenario: toScenarioJson({
      ...table,
      sites: chosen,
      paravirt: paravirtFor(table, chosen).paravirt,
    }),
    kernel: table.kernel,
    siteAddrs: chosen.map((s) => `0x${s.addr.toString(16)}`),
    // Which build the sites came from travels with them (shown when the link is opened).
    ...(read.value.banner !== undefined ? { banner: read.value.banner } : {}),
  };
}

function matchesSite(site: Site, spec: string): boolean {
  if (/^0x[0-9a-f]+$/i.test(spec)) return site.addr === BigInt(spec);
  const symbol = site.symbol ?? '';
  return symbol === spec || symbol.startsWith(`${spec}+`);
}
