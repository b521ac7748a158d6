import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import { featureLabel } from '../../core/features';
import { ALT_FLAG_NOT } from '../../core/model';
import type { PatchReport, SiteResult } from '../../core/patch/report';
import { useActions, useAppState } from '../../state/hooks';
import {
  classifySite,
  filterSites,
  findSite,
  selectKernel,
  STATUS_LABEL,
} from '../../state/selectors';
import type { SiteStatus } from '../../state/store';
import { hexAddr } from '../format';
import { listKeyTarget } from '../listKeys';
import { CopySitesText } from './CopySitesText';

/** Fixed row height: the list renders only the rows in view, so 6,000+ sites stay smooth. */
const ROW_HEIGHT = 44;
const OVERSCAN = 8;

const STATUS_ICON: Record<SiteStatus, string> = {
  patched: '✎',
  unpatched: '○',
  nops: '∅',
  diagnostics: '⚠',
};

export function SiteList({ report }: { report: PatchReport }) {
  const search = useAppState((s) => s.search);
  const statusFilter = useAppState((s) => s.statusFilter);
  const featureFilter = useAppState((s) => s.featureFilter);
  const table = useAppState((s) => s.table);
  const selectedSite = useAppState((s) => s.site);
  const shared = useAppState((s) => s.shared);
  const sharedSet = useMemo(() => new Set(shared), [shared]);
  // Where a Shift-click range starts: the row last clicked or toggled.
  const anchor = useRef<number | null>(null);
  const actions = useActions();
  const kernel = useAppState(selectKernel);
  const disassembler = useAppState((s) => s.disassembler);
  const syntax = useAppState((s) => s.syntax);
  // One object per kernel/disassembler/syntax: the search texts are cached on its identity.
  const terms = useMemo(() => ({ kernel, disassembler, syntax }), [kernel, disassembler, syntax]);
  const rows = useMemo(
    () => filterSites(report, { search, statusFilter, featureFilter, table }, terms),
    [report, search, statusFilter, featureFilter, table, terms],
  );
  const selectedIndex = rows.findIndex((r) => hexAddr(r.addr) === selectedSite);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  const measure = useCallback((el: HTMLDivElement | null) => {
    scroller.current = el;
    if (el) setHeight(el.clientHeight || 600);
  }, []);

  // A site chosen elsewhere (a "Diff kernels" row) is brought into view here too.
  const selectedRef = useRef(selectedIndex);
  selectedRef.current = selectedIndex;
  useEffect(() => {
    const el = scroller.current;
    const top = selectedRef.current * ROW_HEIGHT;
    if (!el || top < 0) return;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = Math.max(0, top - (el.clientHeight - ROW_HEIGHT) / 2);
  }, [selectedSite]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const select = (i: number) => {
    const r = rows[i];
    if (!r) return;
    actions.selectSite(hexAddr(r.addr));
    const el = scroller.current;
    if (el) {
      const top = i * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
        el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
  };

  /** Ctrl/Cmd-click toggles a row into the link, Shift-click adds a range; a plain click shows it. */
  const clickRow = (i: number, e: MouseEvent) => {
    const r = rows[i];
    if (!r) return;
    if (e.shiftKey) {
      const from = anchor.current ?? (selectedIndex >= 0 ? selectedIndex : i);
      const [lo, hi] = from <= i ? [from, i] : [i, from];
      actions.addSharedSites(rows.slice(lo, hi + 1).map((x) => hexAddr(x.addr)));
    } else if (e.ctrlKey || e.metaKey) {
      actions.toggleSharedSite(hexAddr(r.addr));
    } else {
      select(i);
    }
    anchor.current = i;
  };

  // Rows get one stable callback (React.memo): a toggle then re-renders only rows whose result
  // object changed, not all rows in view.
  const clickRef = useRef(clickRow);
  clickRef.current = clickRow;
  const onClickRow = useCallback((i: number, e: MouseEvent) => clickRef.current(i, e), []);

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const target = listKeyTarget(e.key, selectedIndex, rows.length, page);
    if (e.key === ' ' && selectedIndex >= 0) {
      e.preventDefault();
      const r = rows[selectedIndex];
      if (r) actions.toggleSharedSite(hexAddr(r.addr));
      anchor.current = selectedIndex;
      return;
    }
    if (target === undefined) {
      if (e.key === 'Enter' && selectedIndex < 0 && rows.length > 0) select(0);
      return;
    }
    e.preventDefault();
    select(target);
  };

  return (
    <section className="panel site-list-panel" aria-label="Sites">
      <div className="panel-head">
        <h2>
          Sites{' '}
          <span className="muted" data-testid="site-count">
            {rows.length === report.sites.length
              ? rows.length
              : `${rows.length} of ${report.sites.length}`}
          </span>
        </h2>
        <CopySitesText report={report} rows={rows} />
        <SiteFilters />
        {/* Out of the layout (the panel head must not grow): read out, and a tooltip. */}
        <p id="site-list-hint" className="sr-only">
          Ctrl-click or Space adds a site to the link; Shift-click adds a range.
        </p>
      </div>
      <div
        ref={measure}
        className="site-list"
        data-testid="site-list"
        role="listbox"
        tabIndex={0}
        aria-label="Alternative sites"
        aria-describedby="site-list-hint"
        title="Ctrl-click or Space adds a site to the link; Shift-click adds a range."
        aria-activedescendant={selectedIndex >= 0 ? `site-row-${selectedIndex}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((r, k) => (
            <SiteRow
              key={hexAddr(r.addr)}
              index={first + k}
              result={r}
              selected={first + k === selectedIndex}
              shared={sharedSet.has(hexAddr(r.addr))}
              onClick={onClickRow}
            />
          ))}
        </div>
        {rows.length === 0 && (
          <p className="muted pad" data-testid="site-list-empty">
            {report.sites.length === 0
              ? 'The scenario has no sites.'
              : 'No site matches the search and filters.'}
          </p>
        )}
      </div>
    </section>
  );
}

const SiteRow = memo(function SiteRow(props: {
  index: number;
  result: SiteResult;
  selected: boolean;
  /** Selected for sharing: the link carries it. */
  shared: boolean;
  onClick: (index: number, e: MouseEvent) => void;
}) {
  const { index, result: r, selected, shared, onClick } = props;
  const table = useAppState((s) => s.table);
  const kernel = useAppState(selectKernel);
  const site = findSite(table, r.addr);
  const status = classifySite(r, site);
  const win = r.selected === null ? undefined : site?.entries[r.selected];
  const winLabel = win
    ? `${win.flags & ALT_FLAG_NOT ? 'NOT ' : ''}${featureLabel(win.cpuid, kernel)}`
    : 'no winner';
  const count = site?.entries.length ?? 0;
  return (
    <div
      id={`site-row-${index}`}
      className={`site-row${selected ? ' selected' : ''}${shared ? ' shared' : ''}`}
      data-testid="site-row"
      data-status={status}
      data-shared={shared}
      role="option"
      aria-selected={selected}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      // Shift-click extends a range of sites, not a text selection.
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={(e) => onClick(index, e)}
    >
      <span className="share-mark" title={shared ? 'in the link' : undefined}>
        <span aria-hidden="true">{shared ? '☑' : ''}</span>
        {shared && <span className="sr-only">in the link</span>}
      </span>
      <span className={`status status-${status}`} title={STATUS_LABEL[status]}>
        <span aria-hidden="true">{STATUS_ICON[status]}</span>
        <span className="sr-only">{STATUS_LABEL[status]}</span>
      </span>
      <span className="site-row-main">
        <span className="site-row-meta">
          <span className="site-sym" title={r.symbol ?? hexAddr(r.addr)}>
            {r.symbol ?? hexAddr(r.addr)}
          </span>
          <span className="site-entries muted">
            {count} entr{count === 1 ? 'y' : 'ies'}
          </span>
        </span>
        <span className="site-row-meta muted">
          <span className="site-addr">{hexAddr(r.addr).slice(2)}</span>
          <span className="site-win" title={`winning entry: ${winLabel}`}>
            {winLabel}
          </span>
        </span>
      </span>
    </div>
  );
});

function SiteFilters() {
  const actions = useActions();
  const search = useAppState((s) => s.search);
  const status = useAppState((s) => s.statusFilter);
  const featureFilter = useAppState((s) => s.featureFilter);
  const table = useAppState((s) => s.table);
  const kernel = useAppState(selectKernel);
  const features = useMemo(
    () =>
      [
        ...new Set((table?.sites ?? []).flatMap((s) => s.entries.map((e) => e.cpuid as number))),
      ].sort((a, b) => a - b),
    [table],
  );
  return (
    <div className="filters">
      <input
        type="search"
        placeholder="Search symbol, address, feature, flag, mnemonic"
        aria-label="Search sites"
        value={search}
        onChange={(e) => actions.setSearch(e.target.value)}
      />
      <select
        aria-label="Filter by status"
        value={status}
        onChange={(e) => actions.setStatusFilter(e.target.value as SiteStatus | 'all')}
      >
        <option value="all">all statuses</option>
        {(Object.keys(STATUS_LABEL) as SiteStatus[]).map((k) => (
          <option key={k} value={k}>
            {STATUS_LABEL[k]}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by feature"
        value={featureFilter ?? ''}
        onChange={(e) =>
          actions.setFeatureFilter(e.target.value === '' ? null : Number(e.target.value))
        }
      >
        <option value="">all features</option>
        {features.map((f) => (
          <option key={f} value={f}>
            {featureLabel(f, kernel)}
          </option>
        ))}
      </select>
    </div>
  );
}
