/**
 * A permalink from a loaded kernel: the file cannot travel in a URL, so the link carries the
 * chosen sites as a JSON scenario — each site with its entries, the `pv_ops` slots its
 * DIRECT_CALL entries read, and the `nop_func`/`BUG_func` symbols — plus the features in effect.
 */
import { X86_FEATURE_ALWAYS } from '../core/features';
import type { AltTable, FeatureIndex, MemoryRange, Site } from '../core/model';
import { ALT_FLAG_DIRECT_CALL, toFeatureIndex } from '../core/model';
import { paravirtFor } from '../core/passes/paravirtSubset';
import { toScenarioJson } from '../core/scenario/json';
import type { ShareState } from '../permalink/shareState';
import { selectKernelShown } from './kernelLoad';
import {
  findSite,
  formatAddr,
  selectEffectiveFeatures,
  selectKernel,
  selectLoop,
} from './selectors';
import { captureView } from './shareView';
import { selectLinkedSites } from './sharedSites';
import type { AppState } from './store';

/** More sites than this make a link too long to paste into a mail. */
export const MAX_LINKED_SITES = 64;

/** The `pv_ops` slot a DIRECT_CALL site reads: `ff 15 disp32` → site + 6 + disp. */
function pointerSlotOf(site: Site): bigint | undefined {
  if (!site.entries.some((e) => e.flags & ALT_FLAG_DIRECT_CALL)) return undefined;
  const o = site.original;
  if (o.length < 6 || o[0] !== 0xff || o[1] !== 0x15) return undefined;
  const disp = new DataView(o.buffer, o.byteOffset, o.byteLength).getInt32(2, true);
  return BigInt.asUintN(64, site.addr + 6n + BigInt(disp));
}

/** A table of just `sites` of `table`, with the memory and symbols they need. */
export function extractSites(
  table: AltTable,
  sites: readonly Site[],
  features: readonly FeatureIndex[],
): AltTable {
  const slots = new Set(sites.map(pointerSlotOf).filter((a) => a !== undefined));
  const memory: MemoryRange[] = table.memory.filter((m) =>
    [...slots].some((slot) => slot >= m.addr && slot + 8n <= m.addr + BigInt(m.bytes.length)),
  );
  // 6.1: the paravirt sites under the chosen ones, and their pv_ops slots.
  const pv = paravirtFor(table, sites);
  for (const m of pv.memory) if (!memory.includes(m)) memory.push(m);
  return {
    kernel: table.kernel,
    sites: [...sites],
    memory,
    symbols: table.symbols,
    features: [...features],
    ...(pv.paravirt.length ? { paravirt: pv.paravirt } : {}),
  };
}

/** The share state for the shown kernel's selected sites, or null when no kernel is shown. */
export function captureKernelShareState(s: AppState): ShareState | null {
  if (!selectKernelShown(s) || !s.table) return null;
  const table = s.table;
  const wanted = selectLinkedSites(s);
  const sites = wanted
    .map((a) => (/^0x[0-9a-f]{1,16}$/i.test(a) ? findSite(table, BigInt(a)) : undefined))
    .filter((x): x is Site => x !== undefined);
  if (sites.length === 0 && table.sites[0]) sites.push(table.sites[0]);
  const features = [...selectEffectiveFeatures(s)]
    .filter((f) => f !== X86_FEATURE_ALWAYS)
    .sort((a, b) => a - b)
    .map(toFeatureIndex);
  // Chosen first (the shown site, then the selection), kept in the kernel's own table order.
  const order = new Map(table.sites.map((x, i) => [x, i]));
  const chosen = sites.slice(0, MAX_LINKED_SITES);
  chosen.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const sub = extractSites(table, chosen, features);
  const shown = sites[0];
  const linked = new Set(sub.sites.map((x) => formatAddr(x.addr)));
  return {
    scenario: toScenarioJson(sub),
    features: [],
    kernel: selectKernel(s),
    engine: selectLoop(s),
    ...(shown ? { site: formatAddr(shown.addr) } : {}),
    // In selection order, as the user picked them.
    sites: s.shared.filter((a) => linked.has(a)),
    view: captureView(s),
    ...(s.kernelLoad.banner !== undefined ? { banner: s.kernelLoad.banner } : {}),
  };
}
