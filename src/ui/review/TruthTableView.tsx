import { useMemo } from 'react';
import type { Site } from '../../core/model';
import type { ReviewDeps } from '../../core/review';
import { buildTruthTable, describeFeature, toHex } from '../../core/review';
import { useRunChoice } from './useReview';

/** Every combination of the site's features, grouped by identical final bytes and diagnostics. */
export function TruthTableView({ site, deps }: { site: Site; deps: ReviewDeps }) {
  const { kernel, loop, table } = useRunChoice();
  const t = useMemo(
    () => (table ? buildTruthTable(table, site, kernel, loop, deps) : null),
    [table, site, kernel, loop, deps],
  );
  if (!t) return null;
  return (
    <section aria-label="Truth table" data-testid="truth-table">
      {t.note && <p className="muted">{t.note}</p>}
      <p data-testid="truth-summary">
        {t.groups.reduce((n, g) => n + g.rows.length, 0)} combinations, {t.groups.length} outcome
        {t.groups.length === 1 ? '' : 's'}
      </p>
      <table>
        <thead>
          <tr>
            {t.features.map((f) => (
              <th key={f}>{describeFeature(deps, f)}</th>
            ))}
            <th>final</th>
            <th>entry</th>
          </tr>
        </thead>
        <tbody>
          {t.groups.flatMap((g, gi) =>
            g.rows.map((row, ri) => (
              <tr key={`${gi}-${ri}`} className={`truth-group-${gi % 2}`} data-group={gi}>
                {row.map((on, i) => (
                  <td key={i}>{on ? 'on' : 'off'}</td>
                ))}
                <td className="mono">{toHex(g.final)}</td>
                <td>
                  {g.effects.join(' / ') || 'original'}
                  {g.diagnostics.map((d) => ` ${d.code}`).join('')}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <ul className="small" data-testid="truth-entry-outcomes">
        {t.entryOutcomes.map((o, k) => (
          <li key={k}>
            entry #{k}: {o.join('; ')}
          </li>
        ))}
      </ul>
      {loop === 'single-pass' && t.neverWins.length > 0 && (
        <p className="diag diag-warning" data-testid="truth-never-wins">
          Never wins: {t.neverWins.map((k) => `entry #${k}`).join(', ')}
        </p>
      )}
    </section>
  );
}
