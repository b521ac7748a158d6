import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { bootRecord, type BootColumns, type PassSummary } from '../../worker/bootColumns';
import { hexAddr, hexBytes } from '../format';
import { listKeyTarget } from '../listKeys';
import { matchRecords } from './matchRecords';

/** Fixed row height: only the rows in view render (the return-thunk pass has ~62,000 records). */
const ROW_HEIGHT = 26;
const OVERSCAN = 10;

/** One pass's records: searchable, virtualised, arrow keys move the active row. */
export function RecordList({ columns, pass }: { columns: BootColumns; pass: PassSummary }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const rows = useMemo(() => matchRecords(columns, pass, deferred), [columns, pass, deferred]);
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const scroller = useRef<HTMLDivElement | null>(null);
  const measure = useCallback((el: HTMLDivElement | null) => {
    scroller.current = el;
    if (el) setHeight(el.clientHeight || 300);
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const at = Math.min(active, Math.max(0, rows.length - 1));

  const moveTo = (i: number) => {
    setActive(i);
    const el = scroller.current;
    if (!el) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const target = listKeyTarget(e.key, at, rows.length, page);
    if (target === undefined) return;
    e.preventDefault();
    moveTo(target);
  };
  const listId = `pass-records-${pass.pass}`;
  return (
    <div className="pass-records" data-testid="pass-records">
      <label className="pass-search">
        Search {pass.pass}{' '}
        <input
          type="search"
          value={query}
          placeholder="symbol, address, bytes or what"
          data-testid="pass-search"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
      </label>
      <span className="muted" data-testid="pass-match-count" aria-live="polite">
        {rows.length === pass.end - pass.start
          ? `${rows.length} records`
          : `${rows.length} of ${pass.end - pass.start} records`}
      </span>
      <div
        ref={measure}
        id={listId}
        className="record-list"
        role="listbox"
        tabIndex={0}
        aria-label={`Records of ${pass.pass}`}
        aria-activedescendant={rows.length > 0 ? `${listId}-${at}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {Array.from(rows.subarray(first, last), (rec, k) => {
            const i = first + k;
            const r = bootRecord(columns, rec, pass.pass);
            return (
              <div
                key={rec}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === at}
                className={`record-row${i === at ? ' selected' : ''}${r.changed ? '' : ' kept'}`}
                data-testid="pass-record"
                style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => setActive(i)}
              >
                <span className="mono rec-addr">{hexAddr(r.addr).slice(2)}</span>
                <span className="rec-sym" title={r.symbol}>
                  {r.symbol ?? ''}
                </span>
                <span
                  className="mono rec-bytes"
                  title={`${hexBytes(r.before)} → ${hexBytes(r.after)}`}
                >
                  {hexBytes(r.before)} → {hexBytes(r.after)}
                </span>
                <span className="rec-what">
                  {r.what}
                  {r.unknowable ? ' (only the booted machine knows)' : ''}
                </span>
              </div>
            );
          })}
        </div>
        {rows.length === 0 && (
          <p className="muted pad" data-testid="pass-records-empty">
            {pass.end === pass.start ? 'This pass wrote nothing here.' : 'No record matches.'}
          </p>
        )}
      </div>
    </div>
  );
}
