import { getCatalogue, X86_FEATURE_ALWAYS } from '../features/catalogue';
import type { Addr, AltTable, KernelVersion, PatchLoop } from '../model';
import { defaultLoop } from '../model';
import type { InsnDecoder } from '../ports';
import { memoryOf } from '../patch/memory';
import { alternativesPass, type AltSiteRun } from './alternatives';
import { applyParavirt } from './paravirt';
import { diffImage, type DiffRange, type DiffRun } from './memdiff';
import { PASS_PLANS, type PassGeneration } from './order';
import { runPasses, type PassRun } from './pipeline';
import { RegionImage, type ImageRegion } from './textImage';
import type { BootOptions, BootPass, BootTables, PassName } from './types';

/** Everything a whole boot simulation reads. */
export interface BootInput {
  generation: PassGeneration;
  /** The alternatives table (its `kernel` picks the patch loop and NOP rules). */
  table: AltTable;
  regions: readonly ImageRegion[];
  tables: BootTables;
  diffRanges: readonly DiffRange[];
  symbol(name: string): Addr | undefined;
  isInit(addr: bigint): boolean;
  /** Present features, as `x86_capability[]` indices. */
  features: ReadonlySet<number>;
  options?: BootOptions;
  /** The alternatives patch loop (default: the profile's). */
  loop?: PatchLoop;
  /** Restrict to these passes (`--passes`). */
  only?: ReadonlySet<PassName>;
  /** Passes implemented elsewhere (tests); alternatives and paravirt come from `table`. */
  extra?: Partial<Record<PassName, BootPass>>;
}

/** What the boot did: each pass's records, every alternative site, and the memory after. */
export interface BootResult {
  runs: PassRun[];
  altSites: AltSiteRun[];
  image: RegionImage;
  diff: DiffRun[];
}

/** The passes that run before alternatives, and alternatives (what `patch` needs). */
export function passesThroughAlternatives(generation: PassGeneration): Set<PassName> {
  const all = PASS_PLANS[generation].passes;
  return new Set(all.slice(0, all.indexOf('alternatives') + 1));
}

/** Run the generation's passes over a copy of the image and diff it against the file. */
export function simulateBoot(input: BootInput, decoder: InsnDecoder): BootResult {
  const image = new RegionImage(input.regions);
  const altSites: AltSiteRun[] = [];
  const kernel = input.table.kernel;
  const features = new Set(input.features);
  features.add(X86_FEATURE_ALWAYS);
  const alternatives = alternativesPass(
    input.table,
    { kernel, loop: input.loop ?? defaultLoop(kernel), features },
    decoder,
    (run) => altSites.push(run),
  );
  const runs = runPasses(
    PASS_PLANS[input.generation],
    {
      image,
      tables: input.tables,
      has: featureNames(kernel, features),
      symbol: input.symbol,
      isInit: (a) => input.isInit(a),
      options: input.options ?? {},
      decoder,
    },
    { alternatives, paravirt: paravirtPass(input.table), ...input.extra },
    input.only,
  );
  return { runs, altSites, image, diff: diffImage(image, input.diffRanges) };
}

/**
 * 6.1's `apply_paravirt()` over the table's `.parainstructions` sites, reading the `pv_ops`
 * slots and names the table carries (the image's `.data` as the file has it).
 */
function paravirtPass(table: AltTable): BootPass {
  return (ctx) => applyParavirt(ctx.image, table.paravirt ?? [], memoryOf(table)).records;
}

/** `has('RETHUNK')` over a kernel's feature catalogue. */
function featureNames(kernel: KernelVersion, features: ReadonlySet<number>) {
  const cat = getCatalogue(kernel);
  return (name: string): boolean => {
    const f = cat.byName.get(name);
    return f !== undefined && features.has(f.index);
  };
}
