import { useMemo, useState } from 'react';
import {
  CPU_PRESET_NAMES,
  formatFeatureIndex,
  getCatalogue,
  getCpuPreset,
  X86_FEATURE_ALWAYS,
} from '../../core/features';
import type { CpuPresetName } from '../../core/features';
import { useActions, useAppState } from '../../state/hooks';
import {
  selectEffectiveFeatures,
  selectKernel,
  selectReferencedFeatures,
} from '../../state/selectors';
import { findAppliedPreset } from '../../state/appliedPreset';
import { FeatureCatalogue } from './FeatureCatalogue';
import { FeatureTextPanel } from './FeatureTextPanel';
import { FeatureToggleRow } from './FeatureToggleRow';

/** The features the scenario references, as toggles, with presets; the full catalogue below. */
export function FeaturesPanel() {
  const kernel = useAppState(selectKernel);
  const table = useAppState((s) => s.table);
  const effective = useAppState(selectEffectiveFeatures);
  const choice = useAppState((s) => s.features);
  const actions = useActions();
  const referenced = useMemo(
    () => selectReferencedFeatures({ table } as Parameters<typeof selectReferencedFeatures>[0]),
    [table],
  );
  const catalogue = getCatalogue(kernel);
  const [textOpen, setTextOpen] = useState(false);
  const applied = useMemo(
    () => findAppliedPreset(choice, effective, table, kernel),
    [choice, effective, table, kernel],
  );

  const applyPreset = (value: string) => {
    if (value === 'none') actions.setFeaturesExactly([]);
    else if (value === 'referenced') actions.setFeaturesExactly(referenced.keys());
    else if (value === 'scenario') actions.resetFeatures();
    else if (value === 'text') setTextOpen(true);
    else actions.setFeaturesExactly(getCpuPreset(kernel, value as CpuPresetName));
  };

  return (
    <section className="panel features-panel" aria-label="CPU features">
      <div className="panel-head">
        <h2>CPU features</h2>
        <label className="inline">
          Preset{' '}
          <select
            aria-label="Feature preset"
            value={applied}
            onChange={(e) => applyPreset(e.target.value)}
          >
            <option value="custom" disabled>
              custom
            </option>
            <option value="scenario">the scenario's own</option>
            <option value="none">none</option>
            <option value="referenced">all referenced on</option>
            {CPU_PRESET_NAMES.map((n) => (
              <option key={n} value={n}>
                QEMU {n}
              </option>
            ))}
            <option value="text">cpuinfo or feature list…</option>
          </select>
        </label>
      </div>
      {textOpen && <FeatureTextPanel kernel={kernel} onClose={() => setTextOpen(false)} />}
      <ul className="feature-toggles" aria-label="Referenced features">
        {[...referenced].map(([index, sites]) => {
          const f = catalogue.byIndex.get(index);
          return (
            <FeatureToggleRow
              key={index}
              index={index}
              name={f?.name ?? formatFeatureIndex(index)}
              comment={f?.comment ?? ''}
              indexLabel={formatFeatureIndex(index)}
              on={effective.has(index)}
              always={index === X86_FEATURE_ALWAYS}
              sites={sites}
              onToggle={actions.setFeature}
            />
          );
        })}
        {referenced.size === 0 && <li className="muted">The scenario references no feature.</li>}
      </ul>
      <FeatureCatalogue />
    </section>
  );
}
