import { useState } from 'react';
import { countChanges } from '../../core/review';
import type { KernelChange, KernelSide, KernelSiteDiff } from '../../core/review';
import type { Disassembler } from '../../core/ports';
import type { SymbolLookup } from '../../core/symbols';
import { useActions, useAppState } from '../../state/hooks';
import { hexAddr } from '../format';

/** Rows per page: each row disassembles two sites, and a 6.1-vs-7.2 diff has 10,000+ rows. */
export const DIFF_PAGE = 100;

const KINDS: readonly KernelChange[] = ['added', 'removed', 'table', 'final', 'same'];

/**
 * The changed sites of a kernel diff, a page at a time, optionally of one kind. A row whose site
 * is in the shown kernel (A) opens it in the site view, as a click in the site list does.
 */
export function DiffKernelsTable(props: {
  diffs: readonly KernelSiteDiff[];
  otherName: string;
  disassembler: Disassembler | null;
  aSymbols: SymbolLookup | undefined;
  bSymbols: SymbolLookup | undefined;
}) {
  const { diffs, otherName } = props;
  const [kind, setKind] = useState<KernelChange | 'changed'>('changed');
  const [page, setPage] = useState(0);
  const shownSite = useAppState((s) => s.site);
  const actions = useActions();
  const counts = countChanges(diffs);
  const rows = diffs.filter((d) => (kind === 'changed' ? d.change !== 'same' : d.change === kind));
  const pages = Math.max(1, Math.ceil(rows.length / DIFF_PAGE));
  // A new diff (features toggled) may have fewer rows: stay on a page that exists.
  const at = Math.min(page, pages - 1);
  const first = at * DIFF_PAGE;
  const slice = rows.slice(first, first + DIFF_PAGE);

  const asm = (s: KernelSide, symbols: SymbolLookup | undefined) =>
    (props.disassembler?.disassemble(s.result.final, s.site.addr, 'att', symbols) ?? [])
      .map((i) => i.text)
      .join('; ');
  const name = (s: KernelSide) => s.site.symbol ?? hexAddr(s.site.addr);
  const open = (s: KernelSide, e: { currentTarget: HTMLElement }) => {
    actions.selectSite(hexAddr(s.site.addr));
    // The site view is above this panel: bring its title into view (focus stays on the row,
    // and Tab goes on to the next one).
    e.currentTarget.closest('.site-panel')?.querySelector('.site-view')?.scrollIntoView({
      block: 'start',
    });
  };

  return (
    <div className="diff-kernels-rows">
      <div className="diff-kernels-nav">
        <label>
          Show{' '}
          <select
            aria-label="Which changes"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as KernelChange | 'changed');
              setPage(0);
            }}
          >
            <option value="changed">every change ({diffs.length - counts.same})</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k} ({counts[k]})
              </option>
            ))}
          </select>
        </label>
        <PageButton to={at - 1} pages={pages} onPage={setPage}>
          Previous
        </PageButton>
        <span aria-live="polite" data-testid="diff-kernels-range">
          {rows.length === 0
            ? 'no rows'
            : `rows ${first + 1}–${first + slice.length} of ${rows.length}`}
        </span>
        <PageButton to={at + 1} pages={pages} onPage={setPage}>
          Next
        </PageButton>
      </div>
      {slice.length > 0 && (
        <table className="every-cpu diff-kernels-table">
          <thead>
            <tr>
              <th scope="col">change</th>
              <th scope="col">A (shown)</th>
              <th scope="col">B ({otherName})</th>
            </tr>
          </thead>
          <tbody>
            {slice.map((d, i) => {
              const current = d.a !== null && hexAddr(d.a.site.addr) === shownSite;
              return (
                <tr
                  key={first + i}
                  data-testid="diff-kernels-row"
                  className={current ? 'current' : undefined}
                  aria-current={current ? 'true' : undefined}
                >
                  <td>{d.change}</td>
                  <td>
                    {d.a ? (
                      <>
                        <button
                          type="button"
                          className="link-button mono"
                          title={`Show ${hexAddr(d.a.site.addr)} in the site view`}
                          onClick={(e) => d.a && open(d.a, e)}
                        >
                          {name(d.a)}
                        </button>
                        <br />
                        <span className="mono muted">{asm(d.a, props.aSymbols)}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {d.b ? (
                      <>
                        <span className="mono">{name(d.b)}</span>
                        <br />
                        <span className="mono muted">{asm(d.b, props.bSymbols)}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * Previous / Next: `aria-disabled` at the ends rather than `disabled`, which would drop the
 * keyboard focus to the page when Next reaches the last page.
 */
function PageButton(props: {
  to: number;
  pages: number;
  onPage: (page: number) => void;
  children: string;
}) {
  const off = props.to < 0 || props.to >= props.pages;
  return (
    <button type="button" aria-disabled={off} onClick={() => off || props.onPage(props.to)}>
      {props.children}
    </button>
  );
}
