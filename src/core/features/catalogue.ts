import type { FeatureIndex, KernelVersion } from '../model';
import { toFeatureIndex } from '../model';
import { RAW_CATALOGUES, type RawCatalogue } from './catalogueData';

/** One `X86_FEATURE_*` or `X86_BUG_*` bit of a kernel's `cpufeatures.h`. */
export interface CpuFeature {
  /** Name without the macro prefix, e.g. `XSAVEOPT`, `SPECTRE_V2`. */
  name: string;
  /** Full macro, e.g. `X86_FEATURE_XSAVEOPT`, `X86_BUG_SPECTRE_V2`. */
  macro: string;
  word: number;
  bit: number;
  index: FeatureIndex;
  /** `/proc/cpuinfo` name, or null when the kernel does not show it. */
  cpuinfo: string | null;
  comment: string;
  /** A bug bit (`X86_BUG_*`, word ≥ NCAPINTS). */
  bug: boolean;
}

/** A kernel's feature table, with lookups built once. */
export interface FeatureCatalogue {
  kernel: KernelVersion;
  NCAPINTS: number;
  NBUGINTS: number;
  /** `(NCAPINTS + NBUGINTS) * 32`: indices at or above this make the kernel BUG. */
  maxIndexExclusive: number;
  features: readonly CpuFeature[];
  /** What each CPUID word holds, from the header's comments (`"9"`: "Intel-defined … word 9"). */
  words: Readonly<Record<string, string>>;
  byIndex: ReadonlyMap<number, CpuFeature>;
  byMacro: ReadonlyMap<string, CpuFeature>;
  /** Bare upper-case names; a feature wins over a bug of the same name (`SRSO`). */
  byName: ReadonlyMap<string, CpuFeature>;
  /** `/proc/cpuinfo` names of features (flags line) and of bugs (bugs line), kept apart. */
  byCpuinfoFlag: ReadonlyMap<string, CpuFeature>;
  byCpuinfoBug: ReadonlyMap<string, CpuFeature>;
}

/** `X86_FEATURE_ALWAYS`: the kernel sets it unconditionally (3*32+21 in every version). */
export const X86_FEATURE_ALWAYS = toFeatureIndex(3 * 32 + 21);

function buildCatalogue(kernel: KernelVersion, raw: RawCatalogue): FeatureCatalogue {
  const features: CpuFeature[] = raw.features.map((f) => ({
    ...f,
    comment: f.comment ?? '',
    index: toFeatureIndex(f.index),
  }));
  const byIndex = new Map<number, CpuFeature>();
  const byMacro = new Map<string, CpuFeature>();
  const byName = new Map<string, CpuFeature>();
  const byCpuinfoFlag = new Map<string, CpuFeature>();
  const byCpuinfoBug = new Map<string, CpuFeature>();
  for (const f of features) {
    byIndex.set(f.index, f);
    byMacro.set(f.macro, f);
    const prev = byName.get(f.name);
    if (!prev || (prev.bug && !f.bug)) byName.set(f.name, f);
    if (f.cpuinfo) (f.bug ? byCpuinfoBug : byCpuinfoFlag).set(f.cpuinfo, f);
  }
  return {
    kernel,
    NCAPINTS: raw.NCAPINTS,
    NBUGINTS: raw.NBUGINTS,
    maxIndexExclusive: (raw.NCAPINTS + raw.NBUGINTS) * 32,
    features,
    words: raw.words ?? {},
    byIndex,
    byMacro,
    byName,
    byCpuinfoFlag,
    byCpuinfoBug,
  };
}

const catalogues = new Map<KernelVersion, FeatureCatalogue>();

/** The feature table of a kernel profile (built lazily, then shared). */
export function getCatalogue(kernel: KernelVersion): FeatureCatalogue {
  let c = catalogues.get(kernel);
  if (!c) {
    c = buildCatalogue(kernel, RAW_CATALOGUES[kernel]);
    catalogues.set(kernel, c);
  }
  return c;
}
