import { useMemo } from 'react';
import { getCatalogue } from '../../core/features';
import type { FeatureIndex } from '../../core/model';
import type { ReviewDeps } from '../../core/review';
import { useAppState, useDeps } from '../../state/hooks';
import {
  selectDisassembler,
  selectEffectiveFeatures,
  selectKernel,
  selectLoop,
} from '../../state/selectors';

/** The review tools' dependencies from the app: engine, decoder, disassembler, feature names. */
export function useReviewDeps(): ReviewDeps | null {
  const { simulate } = useDeps();
  const decoder = useAppState((s) => s.decoder);
  const disassembler = useAppState(selectDisassembler);
  const kernel = useAppState(selectKernel);
  return useMemo(() => {
    if (!decoder) return null;
    const catalogue = getCatalogue(kernel);
    return {
      simulate,
      decoder,
      ...(disassembler ? { disassembler } : {}),
      featureName: (i: FeatureIndex) => catalogue.byIndex.get(i)?.name,
    };
  }, [simulate, decoder, disassembler, kernel]);
}

/** Kernel, loop and present features as the app has them. */
export function useRunChoice() {
  return {
    kernel: useAppState(selectKernel),
    loop: useAppState(selectLoop),
    features: useAppState(selectEffectiveFeatures),
    table: useAppState((s) => s.table),
  };
}
