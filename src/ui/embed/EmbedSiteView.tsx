import { useMemo } from 'react';
import { entryName, verdictLabel } from '../site/entryName';
import type { KernelVersion, PatchLoop, Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import { FEATURE_ALWAYS, narrateSite } from '../../core/review';
import { useAppState } from '../../state/hooks';
import { selectDisassembler } from '../../state/selectors';
import { useReviewDeps } from '../review/useReview';
import { hexAddr } from '../format';
import { alignOffsets, buildColumns, cellsFor, offsetsWithRefs } from '../site/columns';
import { SiteColumnView } from '../site/SiteColumnView';

/** One site, compact: Original | each entry with its verdict | Final, then the narration line. */
export function EmbedSiteView(props: {
  site: Site;
  result: SiteResult;
  kernel: KernelVersion;
  loop: PatchLoop;
  features: ReadonlySet<number>;
}) {
  const { site, result, kernel, loop, features } = props;
  const disassembler = useAppState(selectDisassembler);
  const syntax = useAppState((s) => s.syntax);
  const deps = useReviewDeps();
  const columns = useMemo(
    () => (disassembler ? buildColumns(result, site.entries, disassembler, syntax) : null),
    [disassembler, result, site, syntax],
  );
  const narration = useMemo(
    () =>
      deps
        ? narrateSite(site, result, new Set([...features, FEATURE_ALWAYS]), loop, deps).join(' ')
        : '',
    [deps, site, result, features, loop],
  );
  if (!columns) return <p className="muted">Loading the disassembler…</p>;
  const offsets = alignOffsets(columns);
  const tall = offsetsWithRefs(columns);
  return (
    <article className="embed-site" aria-label={`Site ${hexAddr(result.addr)}`}>
      <h1 className="embed-title" data-testid="embed-site">
        <span className="mono">{hexAddr(result.addr)}</span> {result.symbol ?? ''}
        <span className="muted">
          {' '}
          · {result.len} bytes · {kernel} {loop}
        </span>
      </h1>
      <div className="site-cols embed-cols">
        {columns.map((col) => {
          const cells = cellsFor(col, offsets);
          if (col.kind !== 'entry') {
            const title = col.kind === 'original' ? 'Original' : 'Final';
            return (
              <SiteColumnView
                key={col.key}
                column={col}
                cells={cells}
                title={title}
                testId={`embed-${col.kind}`}
                tall={tall}
              />
            );
          }
          const i = col.entry?.index ?? 0;
          const alt = site.entries[i];
          const verdict = result.verdicts[i];
          const name = entryName(alt, i, kernel);
          return (
            <SiteColumnView
              key={col.key}
              column={col}
              cells={cells}
              highlight={verdict?.selected ? 'winner' : 'loser'}
              testId="embed-entry"
              tall={tall}
              title={
                <>
                  <span className="entry-name">{name}</span>{' '}
                  <span
                    className={`verdict ${verdict?.selected ? 'verdict-win' : 'verdict-lose'}`}
                    title={verdict?.reason}
                  >
                    {verdictLabel(verdict)}
                  </span>
                </>
              }
            />
          );
        })}
      </div>
      {result.diagnostics.map((d, i) => (
        <p key={i} className={`diag diag-${d.severity}`} data-testid="embed-diagnostic">
          {d.code}: {d.message}
        </p>
      ))}
      <p className="embed-narration" data-testid="embed-narration">
        {narration}
      </p>
    </article>
  );
}
