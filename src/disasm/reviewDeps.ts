/** The real review dependencies: the engine, iced-x86 decoder/disassembler, feature names. */
import { getCatalogue } from '../core/features';
import type { KernelVersion } from '../core/model';
import { simulate } from '../core/patch/simulate';
import type { NamedRange, ReviewDeps } from '../core/review';
import { withCpuidFeatures } from './cpuid';
import { createDecoder, requireIced } from './node';
import { makeIcedDisassembler } from './format';

/** Deps plus `dispose`, which frees the wasm objects they own. */
export function createReviewDeps(
  kernel: KernelVersion,
  sections: readonly NamedRange[] = [],
): ReviewDeps & { dispose(): void } {
  const decoder = createDecoder();
  const iced = requireIced();
  const dis = makeIcedDisassembler(iced);
  const catalogue = getCatalogue(kernel);
  return {
    simulate,
    decoder,
    disassembler: withCpuidFeatures(dis, iced),
    sections,
    featureName: (i) => catalogue.byIndex.get(i)?.name,
    dispose() {
      decoder.dispose();
      dis.dispose();
    },
  };
}
