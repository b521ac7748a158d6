import { useMemo, useState } from 'react';
import type { ReviewDeps, ScenarioRun } from '../../core/review';
import { describeSubset, diffScenarioRuns } from '../../core/review';
import { useAppState, useDeps } from '../../state/hooks';
import { selectEffectiveFeatures, selectKernel, selectLoop } from '../../state/selectors';
import { buildOtherRun } from './buildOtherRun';
import type { OtherRun } from './buildOtherRun';
import { DiffSiteView } from './DiffSiteView';

/**
 * The current scenario against another one (a pasted link, or pasted text/JSON): per site, which
 * outcomes changed, both sides labelled. The other side is read on "Compare"; the current side
 * follows the app live, so toggling a feature updates the diff.
 */
export function ScenarioDiffView({ deps }: { deps: ReviewDeps }) {
  const { parseScenario } = useDeps();
  const table = useAppState((s) => s.table);
  const kernel = useAppState(selectKernel);
  const loop = useAppState(selectLoop);
  const features = useAppState(selectEffectiveFeatures);
  const kernelChoice = useAppState((s) => s.kernelChoice);
  const loopChoice = useAppState((s) => s.loopChoice);
  const featureChoice = useAppState((s) => s.features);
  const [pasted, setPasted] = useState('');
  const [other, setOther] = useState<OtherRun | null>(null);
  const diff = useMemo(() => {
    if (!table || !other?.ok) return null;
    const current: ScenarioRun = { label: 'current', table, options: { kernel, loop, features } };
    return diffScenarioRuns(current, other.run, deps);
  }, [table, kernel, loop, features, other, deps]);
  const compare = () =>
    setOther(
      buildOtherRun(pasted, { kernelChoice, loopChoice, features: featureChoice }, parseScenario),
    );
  return (
    <section aria-label="Diff scenarios" data-testid="scenario-diff">
      <label className="diff-input">
        Paste an altscope link, or a scenario (text or JSON), to compare with the current one
        <textarea
          value={pasted}
          rows={3}
          spellCheck={false}
          data-testid="diff-input"
          onChange={(e) => setPasted(e.target.value)}
        />
      </label>
      <button type="button" onClick={compare} data-testid="diff-run">
        Compare
      </button>
      {other && !other.ok && (
        <p className="diag diag-error" role="alert" data-testid="diff-error">
          {other.message}
        </p>
      )}
      {diff && (
        <>
          <p data-testid="diff-summary">
            {diff.sites.length} site{diff.sites.length === 1 ? '' : 's'} changed, {diff.unchanged}{' '}
            unchanged ({diff.leftLabel}: {kernel} {loop}; {diff.rightLabel}:{' '}
            {other?.ok ? `${other.run.options.kernel} ${other.run.options.loop}` : ''})
          </p>
          {diff.subset && (
            <p className="muted" data-testid="diff-subset">
              {describeSubset(diff)}
            </p>
          )}
          <ul className="diff-sites">
            {diff.sites.map((s) => (
              <DiffSiteView
                key={s.addr.toString()}
                site={s}
                leftLabel={diff.leftLabel}
                rightLabel={diff.rightLabel}
                deps={deps}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
