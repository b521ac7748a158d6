import { useMemo } from 'react';
import type { Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import type { ReviewDeps } from '../../core/review';
import { describeLint, lintSite } from '../../core/review';

/** The lints of one site, each with its explanation on hover/expand. */
export function LintList({
  site,
  result,
  deps,
}: {
  site: Site;
  result: SiteResult;
  deps: ReviewDeps;
}) {
  const findings = useMemo(() => lintSite(site, result, deps), [site, result, deps]);
  if (findings.length === 0)
    return (
      <p className="muted" data-testid="lints">
        No lint findings at this site.
      </p>
    );
  return (
    <ul aria-label="Lints" data-testid="lints">
      {findings.map((f, i) => (
        <li key={i} className={`diag diag-${f.severity}`}>
          <details>
            <summary>
              <strong>{f.code}</strong>: {f.message}
            </summary>
            {describeLint(f.code).explanation}
          </details>
        </li>
      ))}
    </ul>
  );
}
