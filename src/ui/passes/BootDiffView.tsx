import { useMemo } from 'react';
import { bootRecord, REC_UNKNOWABLE, type BootColumns } from '../../worker/bootColumns';
import { hexAddr, hexBytes } from '../format';
import { PASS_LABEL } from './passLabels';

/** Records whose value only the booted machine knows (heap addresses, hash shifts). */
function unknowableRecords(c: BootColumns): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.recFlags.length; i++) if (c.recFlags[i]! & REC_UNKNOWABLE) out.push(i);
  return out;
}

/**
 * The kernel's boot diff: bytes each pass changed, the simulated memdiff's size, and what no
 * modelled pass can explain — passes not modelled for this kernel, and runtime constants whose
 * values only the booted machine knows.
 */
export function BootDiffView({ columns }: { columns: BootColumns }) {
  const unknowable = useMemo(() => unknowableRecords(columns), [columns]);
  const missing = columns.passes.filter((p) => p.missing);
  const total = columns.passes.reduce((n, p) => n + p.bytesChanged, 0);
  return (
    <div className="boot-diff" data-testid="boot-diff">
      <p data-testid="boot-diff-total">
        The simulated boot changes {columns.diffBytes} bytes of kernel text in {columns.diffRuns}{' '}
        runs (memdiff ranges).
      </p>
      <table className="boot-diff-table">
        <caption className="sr-only">Bytes changed per pass</caption>
        <thead>
          <tr>
            <th scope="col">Pass</th>
            <th scope="col">Bytes changed</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {columns.passes.map((p) => (
            <tr key={p.pass} data-testid="boot-diff-row" data-pass={p.pass}>
              <th scope="row">{PASS_LABEL[p.pass]}</th>
              <td className="num">{p.missing ? 'missing' : p.bytesChanged}</td>
              <td className="num">
                {p.missing || total === 0 ? '' : `${((100 * p.bytesChanged) / total).toFixed(1)} %`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Unexplained bytes</h3>
      {missing.length === 0 && unknowable.length === 0 ? (
        <p data-testid="boot-diff-unexplained">
          Every byte the simulated boot writes comes from a modelled pass with a known value.
        </p>
      ) : (
        <ul data-testid="boot-diff-unexplained">
          {missing.map((p) => (
            <li key={p.pass}>
              {PASS_LABEL[p.pass]}: not modelled for this kernel; the bytes it writes are not shown.
            </li>
          ))}
          {unknowable.map((i) => {
            const r = bootRecord(columns, i);
            return (
              <li key={i} data-testid="boot-diff-unknowable">
                <span className="mono">{hexAddr(r.addr)}</span> {r.symbol ?? ''}: {r.what} (a
                runtime constant; the file's bytes{' '}
                <span className="mono">{hexBytes(r.before)}</span> are shown)
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
