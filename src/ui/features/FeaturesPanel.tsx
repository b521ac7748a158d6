import { useMemo, useState } from 'react';
import {
  CPU_PRESET_NAMES,
  formatFeatureIndex,
  getCatalogue,
  getCpuPreset,
  parseCpuinfo,
  X86_FEATURE_ALWAYS,
} from '../../core/features';
import type { CpuPresetName } from '../../core/features';
import { useActions, useAppState } from '../../state/hooks';
import {
  selectEffectiveFeatures,
  selectKernel,
  selectReferencedFeatures,
} from '../../state/selectors';
import { FeatureCatalogue } from './FeatureCatalogue';
import { FeatureToggleRow } from './FeatureToggleRow';

/** The features the scenario references, as toggles, with presets; the full catalogue below. */
export function FeaturesPanel() {
  const kernel = useAppState(selectKernel);
  const table = useAppState((s) => s.table);
  const effective = useAppState(selectEffectiveFeatures);
  const actions = useActions();
  const referenced = useMemo(
    () => selectReferencedFeatures({ table } as Parameters<typeof selectReferencedFeatures>[0]),
    [table],
  );
  const catalogue = getCatalogue(kernel);
  const [cpuinfoOpen, setCpuinfoOpen] = useState(false);
  const [cpuinfoText, setCpuinfoText] = useState('');
  const [cpuinfoMessage, setCpuinfoMessage] = useState('');

  const applyPreset = (value: string) => {
    if (value === 'none') actions.setFeaturesExactly([]);
    else if (value === 'referenced') actions.setFeaturesExactly(referenced.keys());
    else if (value === 'scenario') actions.resetFeatures();
    else if (value === 'cpuinfo') setCpuinfoOpen(true);
    else actions.setFeaturesExactly(getCpuPreset(kernel, value as CpuPresetName));
  };

  const applyCpuinfo = () => {
    const r = parseCpuinfo(cpuinfoText, kernel);
    if (!r.foundFlags) {
      setCpuinfoMessage('No "flags :" line found: paste the output of cat /proc/cpuinfo.');
      return;
    }
    actions.setFeaturesExactly(r.indices);
    setCpuinfoMessage(
      `${r.indices.length} features set` +
        (r.unknown.length
          ? `; unknown to ${kernel}: ${r.unknown.map((u) => u.name).join(', ')}`
          : ''),
    );
  };

  return (
    <section className="panel features-panel" aria-label="CPU features">
      <div className="panel-head">
        <h2>CPU features</h2>
        <label className="inline">
          Preset{' '}
          <select
            aria-label="Feature preset"
            value=""
            onChange={(e) => applyPreset(e.target.value)}
          >
            <option value="" disabled>
              choose…
            </option>
            <option value="scenario">the scenario's own</option>
            <option value="none">none</option>
            <option value="referenced">all referenced on</option>
            {CPU_PRESET_NAMES.map((n) => (
              <option key={n} value={n}>
                QEMU {n}
              </option>
            ))}
            <option value="cpuinfo">paste /proc/cpuinfo…</option>
          </select>
        </label>
      </div>
      {cpuinfoOpen && (
        <div className="cpuinfo">
          <label htmlFor="cpuinfo-text">Paste /proc/cpuinfo (flags and bugs lines)</label>
          <textarea
            id="cpuinfo-text"
            rows={4}
            value={cpuinfoText}
            onChange={(e) => setCpuinfoText(e.target.value)}
          />
          <button type="button" onClick={applyCpuinfo}>
            Apply cpuinfo
          </button>{' '}
          <button type="button" onClick={() => setCpuinfoOpen(false)}>
            Close
          </button>
          <p role="status">{cpuinfoMessage}</p>
        </div>
      )}
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
