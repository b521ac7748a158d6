import { useMemo } from 'react';
import type { Site } from '../../core/model';
import type { ReviewDeps } from '../../core/review';
import { compareSite, FEATURE_ALWAYS, toHex } from '../../core/review';
import { useRunChoice } from './useReview';

/** Single-pass and multi-pass results of one site side by side, with the named causes. */
export function CompareLoopsView({ site, deps }: { site: Site; deps: ReviewDeps }) {
  const { kernel, features, table } = useRunChoice();
  const cmp = useMemo(() => {
    if (!table) return null;
    const one = { ...table, kernel, sites: [site], features: [] };
    const present = new Set([...features, FEATURE_ALWAYS]);
    const single = deps.simulate(
      one,
      { kernel, loop: 'single-pass', features: present },
      deps.decoder,
    );
    const multi = deps.simulate(
      one,
      { kernel, loop: 'multi-pass', features: present },
      deps.decoder,
    );
    return compareSite(0, site, single.sites[0]!, multi.sites[0]!, deps);
  }, [table, kernel, features, site, deps]);
  if (!cmp) return null;
  const side = (label: string, r: typeof cmp.single) => (
    <div className="review-side" data-testid={`loops-${label}`}>
      <h4>{label}</h4>
      <code className="mono">{toHex(r.final)}</code>
      <ul>
        {(deps.disassembler?.disassemble(r.final, site.addr) ?? []).map((i) => (
          <li key={i.offset} className="mono">
            {i.text}
          </li>
        ))}
      </ul>
      <p className="muted">
        {r.writes.length} write{r.writes.length === 1 ? '' : 's'}
      </p>
      {r.diagnostics.map((d, i) => (
        <p key={i} className={`diag diag-${d.severity}`}>
          {d.code}: {d.message}
        </p>
      ))}
    </div>
  );
  return (
    <section aria-label="Compare patch loops" data-testid="compare-loops">
      <p data-testid="loops-verdict">
        {cmp.differs
          ? 'The loops disagree at this site.'
          : cmp.intermediates.length > 0
            ? 'Same final bytes, but multi-pass makes other bytes live first.'
            : 'Both loops leave the same bytes.'}
      </p>
      <div className="review-sides">
        {side('single-pass', cmp.single)}
        {side('multi-pass', cmp.multi)}
      </div>
      <ul data-testid="loops-causes">
        {cmp.reasons.map((r, i) => (
          <li key={i}>
            <strong>{r.cause}</strong>: {r.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}
