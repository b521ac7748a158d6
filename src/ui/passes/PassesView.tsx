import { useState } from 'react';
import type { BootColumns } from '../../worker/bootColumns';
import { PASS_LABEL } from './passLabels';
import { RecordList } from './RecordList';

/** The passes in the kernel's order with their counts; each opens to its records. */
export function PassesView({ columns }: { columns: BootColumns }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <ol className="pass-list" data-testid="pass-list">
      {columns.passes.map((p) => {
        const n = p.end - p.start;
        const isOpen = open === p.pass;
        return (
          <li key={p.pass} data-testid="pass-item" data-pass={p.pass}>
            <button
              type="button"
              className="pass-head"
              aria-expanded={isOpen}
              disabled={n === 0}
              data-testid={`pass-toggle-${p.pass}`}
              onClick={() => setOpen(isOpen ? null : p.pass)}
            >
              <span className="pass-name">{PASS_LABEL[p.pass]}</span>{' '}
              {p.missing ? (
                <span className="pass-missing" data-testid="pass-missing">
                  missing: not modelled for this kernel
                </span>
              ) : (
                <span className="muted" data-testid="pass-count">
                  {n} records · {p.rewrites} rewrites · {p.bytesChanged} bytes
                </span>
              )}
            </button>
            {isOpen && <RecordList columns={columns} pass={p} />}
          </li>
        );
      })}
    </ol>
  );
}
