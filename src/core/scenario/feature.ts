/**
 * Feature tokens in scenarios. Names go through the declared kernel's catalogue; numbers are
 * taken as written up to the 16-bit `cpuid` field, because an index past the kernel's last word
 * is a table the simulator must report as a kernel BUG, not one the parser may refuse.
 */
import type { FeatureIndex, KernelVersion } from '../model';
import { toFeatureIndex } from '../model';
import { formatFeatureIndex, getCatalogue, parseFeature } from '../features';

export type ScenarioFeature = { ok: true; index: FeatureIndex } | { ok: false; message: string };

const WORD_BIT = /^(\d{1,4})\*32\+(\d{1,2})$/;
const DECIMAL = /^\d{1,5}$/;
/** `alt_instr.cpuid` is 16 bits wide. */
const CPUID_FIELD_LIMIT = 0x10000;

/** `XSAVEOPT`, `X86_FEATURE_XSAVEOPT`, `xsaveopt`, `X86_BUG_…`, `10*32+0` or `320`. */
export function resolveScenarioFeature(token: string, kernel: KernelVersion): ScenarioFeature {
  const wb = WORD_BIT.exec(token);
  let index: number | undefined;
  if (wb) {
    const bit = Number(wb[2]);
    if (bit > 31) return { ok: false, message: `bit ${bit} out of range in '${token}' (0..31)` };
    index = Number(wb[1]) * 32 + bit;
  } else if (DECIMAL.test(token)) {
    index = Number(token);
  }
  if (index !== undefined) {
    if (index >= CPUID_FIELD_LIMIT) {
      return { ok: false, message: `feature index ${index} does not fit the 16-bit cpuid field` };
    }
    return { ok: true, index: toFeatureIndex(index) };
  }
  const named = parseFeature(token, kernel);
  if (named.ok) return named;
  return {
    ok: false,
    message: `unknown feature '${token}' for kernel ${kernel} (expected a name such as XSAVEOPT, X86_FEATURE_XSAVEOPT or xsaveopt, or W*32+B)`,
  };
}

/**
 * The spelling the printer uses: the bare name when it reads back as the same bit, the macro
 * when the bare name is taken by another bit (`X86_BUG_SRSO`), else `W*32+B`.
 */
export function formatScenarioFeature(index: number, kernel: KernelVersion): string {
  const cat = getCatalogue(kernel);
  const f = cat.byIndex.get(index);
  if (!f) return formatFeatureIndex(index);
  return cat.byName.get(f.name) === f ? f.name : f.macro;
}
