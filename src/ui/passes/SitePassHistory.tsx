import { bootRecord, type BootColumns } from '../../worker/bootColumns';
import { useAppState } from '../../state/hooks';
import { selectKernelShown } from '../../state/kernelLoad';
import { useBootPasses } from '../load/useBootPasses';
import { hexAddr, hexBytes } from '../format';

/** Index of the alternative site at `addr` in the boot's columns, or −1. */
function siteIndex(c: BootColumns, addr: bigint): number {
  return c.siteAddr.indexOf(addr);
}

/**
 * "Before alternatives": what the other boot passes wrote into this site (e.g. the return-thunk
 * pass turning `jmp __x86_return_thunk` into `ret; int3`). Shown only for sites they touched.
 */
export function SitePassHistory({ addr }: { addr: bigint }) {
  const columns = useBootPasses((s) => s.columns);
  const kernelShown = useAppState(selectKernelShown);
  if (!columns || !kernelShown) return null;
  const k = siteIndex(columns, addr);
  if (k < 0) return null;
  const recs = columns.siteRecs.subarray(columns.siteRecStart[k], columns.siteRecStart[k + 1]);
  if (recs.length === 0) return null;
  const at = columns.siteBeforeAt[k]!;
  const before = columns.arena.subarray(at, at + columns.siteBeforeLen[k]!);
  return (
    <section
      className="site-pass-history"
      aria-label="Before alternatives"
      data-testid="site-passes"
    >
      <h3>Before alternatives</h3>
      <ol>
        {Array.from(recs, (i) => {
          const r = bootRecord(columns, i);
          return (
            <li key={i} data-testid="site-pass-record" data-pass={r.pass}>
              <strong>{r.pass}</strong> at <span className="mono">{hexAddr(r.addr)}</span>:{' '}
              <span className="mono">
                {hexBytes(r.before)} → {hexBytes(r.after)}
              </span>{' '}
              ({r.what})
            </li>
          );
        })}
      </ol>
      <p className="muted">
        Alternatives started from <span className="mono">{hexBytes(before)}</span>.
      </p>
    </section>
  );
}
