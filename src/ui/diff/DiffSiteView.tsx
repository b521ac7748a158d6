import type { ReviewDeps, SiteDiff } from '../../core/review';
import { formatAddr, toHex } from '../../core/review';
import type { SiteResult } from '../../core/patch/report';
import { useAppState } from '../../state/hooks';

/** One changed site: what changed, then each side's selected entry, final bytes and diagnostics. */
export function DiffSiteView(props: {
  site: SiteDiff;
  leftLabel: string;
  rightLabel: string;
  deps: ReviewDeps;
}) {
  const { site, leftLabel, rightLabel, deps } = props;
  return (
    <li className="diff-site" data-testid="diff-site">
      <h4>
        <span className="mono">{formatAddr(site.addr)}</span> {site.symbol ?? ''}{' '}
        <span className="muted" data-testid="diff-changes">
          changed: {site.changes.join(', ')}
        </span>
      </h4>
      <div className="review-sides">
        <DiffSide label={leftLabel} result={site.left} deps={deps} />
        <DiffSide label={rightLabel} result={site.right} deps={deps} />
      </div>
    </li>
  );
}

function DiffSide({
  label,
  result,
  deps,
}: {
  label: string;
  result: SiteResult | undefined;
  deps: ReviewDeps;
}) {
  const syntax = useAppState((s) => s.syntax);
  if (!result)
    return (
      <section aria-label={label} data-testid={`diff-side-${label}`}>
        <h5>{label}</h5>
        <p className="muted">no site at this address</p>
      </section>
    );
  const insns = deps.disassembler?.disassemble(result.final, result.addr, syntax) ?? [];
  return (
    <section aria-label={label} data-testid={`diff-side-${label}`}>
      <h5>{label}</h5>
      <p>selected: {result.selected === null ? 'none' : `entry #${result.selected}`}</p>
      <p className="mono" data-testid="diff-final">
        final: {toHex(result.final)}
      </p>
      <ul className="mono">
        {insns.map((i) => (
          <li key={i.offset}>
            +{i.offset}: {i.text}
          </li>
        ))}
      </ul>
      {result.diagnostics.map((d, i) => (
        <p key={i} className={`diag diag-${d.severity}`}>
          {d.code}: {d.message}
        </p>
      ))}
    </section>
  );
}
