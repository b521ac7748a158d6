import { getCatalogue, X86_FEATURE_ALWAYS } from '../features/catalogue';
import type { Addr, AltTable, Diagnostic, KernelVersion, PatchLoop } from '../model';
import { defaultLoop } from '../model';
import type { InsnDecoder } from '../ports';
import { alternativesPass, type AltSiteRun } from './alternatives';
import { paravirtPass } from './paravirt';
import { diffImage, type DiffRange, type DiffRun } from './memdiff';
import { getProfile } from '../profiles';
import { runPasses, type PassRun } from './pipeline';
import { RegionImage, type ImageRegion } from './textImage';
import type { BootOptions, BootPass, BootTables, PassName } from './types';

/** Everything a whole boot simulation reads. */
export interface BootInput {
  /** The kernel whose profile's pass plan runs (a what-if may differ from the table's). */
  generation: KernelVersion;
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
  /** Computed when first read. */
  readonly diff: DiffRun[];
  /** What the passes found wrong (6.1's paravirt: a NULL slot without paravirt_BUG, BUG_ONs). */
  diagnostics: Diagnostic[];
}

/** The passes that run before alternatives, and alternatives (what `patch` needs). */
export function passesThroughAlternatives(generation: KernelVersion): Set<PassName> {
  const all = getProfile(generation).plan.passes;
  return new Set(all.slice(0, all.indexOf('alternatives') + 1));
}

/** Run the generation's passes over a copy of the image and diff it against the file. */
export function simulateBoot(input: BootInput, decoder: InsnDecoder): BootResult {
  const image = new RegionImage(input.regions);
  const altSites: AltSiteRun[] = [];
  const diagnostics: Diagnostic[] = [];
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
    getProfile(input.generation).plan,
    {
      image,
      tables: input.tables,
      has: featureNames(kernel, features),
      symbol: input.symbol,
      isInit: (a) => input.isInit(a),
      options: input.options ?? {},
      decoder,
    },
    { alternatives, paravirt: paravirtPass(input.table, diagnostics), ...input.extra },
    input.only,
  );
  // Computed on first read: `patch` never reads it, and its runs (~100k on a 7.2 kernel) are not small.
  let diff: DiffRun[] | undefined;
  return {
    runs,
    altSites,
    image,
    get diff() {
      return (diff ??= diffImage(image, input.diffRanges));
    },
    diagnostics,
  };
}

/** `has('RETHUNK')` over a kernel's feature catalogue. */
function featureNames(kernel: KernelVersion, features: ReadonlySet<number>) {
  const cat = getCatalogue(kernel);
  return (name: string): boolean => {
    const f = cat.byName.get(name);
    return f !== undefined && features.has(f.index);
  };
}
