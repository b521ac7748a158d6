import { featureLabel } from '../../core/features';
import type { Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import { describeOutcome } from '../../core/patch/outcome';
import { useAppState } from '../../state/hooks';
import { selectKernel } from '../../state/selectors';
import { hexAddr, hexBytes, signedHex } from '../format';

/** The prose under the columns: why each entry won or lost, relocations, NOPs, writes, BUGs. */
export function SiteExplanations({ result, site }: { result: SiteResult; site: Site }) {
  const kernel = useAppState(selectKernel);
  const dc = result.directCall;
  return (
    <div className="site-explain">
      {result.diagnostics.length > 0 && (
        <section aria-label="Diagnostics" className="explain-block">
          <h3>Diagnostics</h3>
          <ul>
            {result.diagnostics.map((d, i) => (
              <li key={i} className={`diag diag-${d.severity}`} data-testid="site-diagnostic">
                <strong>
                  {d.severity === 'error' ? '⚠ error' : d.severity} {d.code}
                </strong>
                {d.offset !== undefined ? ` at +${d.offset}` : ''}: {d.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Entries" className="explain-block">
        <h3>Entries</h3>
        <ul>
          {result.verdicts.map((v, i) => (
            <li key={i}>
              <strong>
                #{i} {site.entries[i] ? featureLabel(site.entries[i].cpuid, kernel) : ''}
              </strong>
              : {describeOutcome(v.outcome)} — {v.reason}
            </li>
          ))}
        </ul>
      </section>
      {dc && (
        <section aria-label="Direct call" className="explain-block">
          <h3>DIRECT_CALL rewrite (entry #{dc.entry})</h3>
          <p>
            Pointer slot <span className="mono">{hexAddr(dc.slot)}</span> holds{' '}
            <span className="mono">{hexAddr(dc.pointer)}</span>
            {dc.pointer === 0n ? ' (NULL: the call goes to BUG_func)' : ''}.{' '}
            {dc.becameNops
              ? 'The target is nop_func, so the call becomes NOPs.'
              : `The indirect call becomes a direct call to ${dc.targetName ?? hexAddr(dc.target)}.`}
          </p>
        </section>
      )}
      {result.relocations.length > 0 && (
        <section aria-label="Relocations" className="explain-block">
          <h3>Relocations</h3>
          <ul>
            {result.relocations.map((r, i) => (
              <li key={i}>
                +{r.offset} {r.kind}: {r.width}-byte field at +{r.fieldOffset}, displacement{' '}
                {signedHex(r.oldDisp)} → {signedHex(r.newDisp)}, target{' '}
                <span className="mono">{hexAddr(r.target)}</span>
                {r.shrunk ? ' (jmp rel32 shrunk to rel8, rest filled with int3)' : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.nopRuns.length > 0 && (
        <section aria-label="NOP runs" className="explain-block">
          <h3>NOP runs optimised</h3>
          <ul>
            {result.nopRuns.map((n, i) => (
              <li key={i}>
                [+{n.start}, +{n.end}): <span className="mono">{hexBytes(n.before)}</span> →{' '}
                <span className="mono">{hexBytes(n.after)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.writes.length > 0 && (
        <section aria-label="Writes" className="explain-block">
          <h3>Writes ({result.writes.length})</h3>
          <ol>
            {result.writes.map((w, i) => (
              <li key={i}>
                {w.kind === 'apply' ? `apply entry #${w.entry ?? '?'}` : 'optimise NOPs'}:{' '}
                <span className="mono">{hexBytes(w.before)}</span> →{' '}
                <span className="mono">{hexBytes(w.after)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {result.log.length > 0 && (
        <details className="explain-block">
          <summary>debug-alternative log</summary>
          <pre>{result.log.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
