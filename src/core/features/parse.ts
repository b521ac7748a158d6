import type { FeatureIndex, KernelVersion } from '../model';
import { toFeatureIndex } from '../model';
import type { CpuFeature } from './catalogue';
import { getCatalogue } from './catalogue';

export type FeatureParse = { ok: true; index: FeatureIndex } | { ok: false; message: string };

const WORD_BIT = /^(\d+)\s*\*\s*32\s*\+\s*(\d+)$/;
const DECIMAL = /^\d+$/;

/**
 * One feature, in any spelling a kernel developer uses: `X86_FEATURE_XSAVEOPT`, `XSAVEOPT`,
 * `xsaveopt` (cpuinfo), `X86_BUG_SPECTRE_V2`, `10*32+0`, `320`.
 * Numbers outside the kernel's range are refused (the kernel would BUG on them).
 */
export function parseFeature(spec: string, kernel: KernelVersion): FeatureParse {
  const s = spec.trim();
  const cat = getCatalogue(kernel);
  if (s === '') return { ok: false, message: 'empty feature name' };
  let index: number | undefined;
  const wb = WORD_BIT.exec(s);
  if (wb) {
    const bit = Number(wb[2]);
    if (bit > 31) return { ok: false, message: `bit ${bit} out of range in "${s}" (0..31)` };
    index = Number(wb[1]) * 32 + bit;
  } else if (DECIMAL.test(s)) {
    index = Number(s);
  }
  if (index !== undefined) {
    if (index >= cat.maxIndexExclusive) {
      return {
        ok: false,
        message: `feature index ${index} ("${s}") out of range: ${kernel} has ${cat.maxIndexExclusive} bits`,
      };
    }
    return { ok: true, index: toFeatureIndex(index) };
  }
  const f = lookupName(s, kernel);
  return f ? { ok: true, index: f.index } : { ok: false, message: `unknown feature "${s}"` };
}

function lookupName(s: string, kernel: KernelVersion): CpuFeature | undefined {
  const cat = getCatalogue(kernel);
  const upper = s.toUpperCase();
  return (
    cat.byMacro.get(upper) ??
    cat.byName.get(upper) ??
    cat.byCpuinfoFlag.get(s.toLowerCase()) ??
    cat.byCpuinfoBug.get(s.toLowerCase())
  );
}

/** One item of a feature list that did not parse; `offset` is its position in the text. */
export interface FeatureListError {
  item: string;
  offset: number;
  message: string;
}

export interface FeatureList {
  indices: FeatureIndex[];
  errors: FeatureListError[];
}

/** Comma, space or newline separated features; `#` starts a comment to the end of the line. */
export function parseFeatureList(text: string, kernel: KernelVersion): FeatureList {
  const indices: FeatureIndex[] = [];
  const errors: FeatureListError[] = [];
  const seen = new Set<number>();
  const re = /#[^\n]*|[^\s,#]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const item = m[0];
    if (item.startsWith('#')) continue;
    const r = parseFeature(item, kernel);
    if (!r.ok) errors.push({ item, offset: m.index, message: r.message });
    else if (!seen.has(r.index)) {
      seen.add(r.index);
      indices.push(r.index);
    }
  }
  return { indices, errors };
}

/** `word*32+bit`, the way the kernel prints feature numbers (`10*32+0`, bugs as `22*32+5`). */
export function formatFeatureIndex(index: number): string {
  return `${Math.floor(index / 32)}*32+${index % 32}`;
}

/** A feature's number and, when the kernel knows it, its name (`XSAVEOPT`, `SPECTRE_V2`). */
export function formatFeature(
  index: number,
  kernel: KernelVersion,
): { spec: string; name?: string; macro?: string } {
  const f = getCatalogue(kernel).byIndex.get(index);
  return f
    ? { spec: formatFeatureIndex(index), name: f.name, macro: f.macro }
    : { spec: formatFeatureIndex(index) };
}

/** The feature's bare name, or its `word*32+bit` when the kernel has no name for it. */
export function featureLabel(index: number, kernel: KernelVersion): string {
  return getCatalogue(kernel).byIndex.get(index)?.name ?? formatFeatureIndex(index);
}
