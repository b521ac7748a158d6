import { useDeferredValue, useMemo, useState } from 'react';
import { formatFeatureIndex, getCatalogue } from '../../core/features';
import type { CpuFeature } from '../../core/features';
import type { KernelVersion } from '../../core/model';
import { useActions, useAppState } from '../../state/hooks';
import { selectEffectiveFeatures, selectKernel } from '../../state/selectors';

/** Every feature of the profile, searchable, grouped by CPUID word (closed until opened). */
export function FeatureCatalogue() {
  const kernel = useAppState(selectKernel);
  const effective = useAppState(selectEffectiveFeatures);
  const actions = useActions();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query.trim().toLowerCase());
  const groups = useMemo(() => {
    const cat = getCatalogue(kernel);
    const byWord = new Map<number, CpuFeature[]>();
    for (const f of cat.features) {
      const hay =
        `${f.name} ${f.macro} ${f.cpuinfo ?? ''} ${f.comment} ${formatFeatureIndex(f.index)}`.toLowerCase();
      if (q && !hay.includes(q)) continue;
      byWord.set(f.word, [...(byWord.get(f.word) ?? []), f]);
    }
    return [...byWord];
  }, [kernel, q]);
  const words = wordDescriptions(kernel);
  return (
    <details className="catalogue" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        All {getCatalogue(kernel).features.length} features of {kernel}
      </summary>
      {open && (
        <>
          <input
            type="search"
            aria-label="Search the feature catalogue"
            placeholder="name, cpuinfo flag, comment, W*32+B"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {groups.map(([word, list]) => (
            <fieldset key={word} className="word-group">
              <legend>
                word {word} <span className="muted small">{words[word] ?? ''}</span>
              </legend>
              {list.map((f) => (
                <label key={f.index} className="cat-item" title={f.comment}>
                  <input
                    type="checkbox"
                    checked={effective.has(f.index)}
                    onChange={(e) => actions.setFeature(f.index, e.target.checked)}
                  />
                  {f.bug ? 'X86_BUG_' : ''}
                  {f.name} <span className="muted mono small">{formatFeatureIndex(f.index)}</span>{' '}
                  <span className="muted small">{f.cpuinfo ?? ''}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </>
      )}
    </details>
  );
}

function wordDescriptions(kernel: KernelVersion): Readonly<Record<string, string>> {
  return getCatalogue(kernel).words;
}
