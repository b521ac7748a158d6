import { useEffect, useMemo, useState } from 'react';
import { featureLabel, parseFeature } from '../../core/features';
import { defaultLoop, type AltTable } from '../../core/model';
import type { ReviewDeps } from '../../core/review';
import { countChanges, diffKernels } from '../../core/review';
import { lookupOfSet, type SymbolLookup } from '../../core/symbols';
import { useAppState, useReport } from '../../state/hooks';
import { readFileInWorker, type ReadHandle } from '../../worker/client';
import { DiffKernelsTable } from './DiffKernelsTable';
import { useBootStart } from '../load/useBootPasses';

/**
 * Two kernels side by side: the shown table (A) against another file (B), both patched with the
 * chosen features (by name, so indices that moved between generations still match).
 */
export function DiffKernelsView({ deps }: { deps: ReviewDeps }) {
  const report = useReport(useBootStart());
  const a = useAppState((s) => s.table);
  const aSymbols = useAppState((s) =>
    s.table === s.kernelLoad.table ? s.kernelLoad.symbols : null,
  );
  const [other, setOther] = useState<{ name: string; table: AltTable; symbols?: SymbolLookup }>();
  const [status, setStatus] = useState('');
  const [handle, setHandle] = useState<ReadHandle>();
  useEffect(() => () => handle?.cancel(), [handle]);

  const open = (file: File) => {
    handle?.cancel();
    setStatus(`Reading ${file.name}…`);
    const h = readFileInWorker(file, () => {});
    setHandle(h);
    void h.done.then((end) => {
      if (end.status !== 'done') return setStatus(`${file.name}: ${end.status}`);
      const o = end.outcome;
      if (!o.ok || !('table' in o))
        return setStatus(`${file.name}: ${o.diagnostics[0]?.message ?? 'not a kernel'}`);
      setOther({
        name: file.name,
        table: o.table,
        ...(o.symbols ? { symbols: lookupOfSet(o.symbols) } : {}),
      });
      setStatus('');
    });
  };

  const diffs = useMemo(() => {
    if (!a || !report || !other) return null;
    const b = other.table;
    const names = report.features.map((f) => featureLabel(f, report.kernel));
    const features = new Set(
      names.flatMap((n) => {
        const r = parseFeature(n, b.kernel);
        return r.ok ? [r.index] : [];
      }),
    );
    const bReport = deps.simulate(
      b,
      {
        kernel: b.kernel,
        loop: defaultLoop(b.kernel),
        features: new Set([...b.features, ...features]),
      },
      deps.decoder,
    );
    return diffKernels(
      { table: a, results: report.sites, ...(aSymbols ? { symbols: aSymbols } : {}) },
      { table: b, results: bReport.sites, ...(other.symbols ? { symbols: other.symbols } : {}) },
      deps.decoder,
    );
  }, [a, report, other, aSymbols, deps]);

  const counts = diffs ? countChanges(diffs) : null;
  return (
    <section aria-label="Diff kernels" data-testid="diff-kernels">
      <label>
        Compare the shown table with another kernel:{' '}
        <input
          type="file"
          data-testid="diff-kernels-input"
          onChange={(e) => e.target.files?.[0] && open(e.target.files[0])}
        />
      </label>
      {status && <p role="status">{status}</p>}
      {counts && other && (
        <p data-testid="diff-kernels-counts">
          against {other.name}: added {counts.added}, removed {counts.removed}, table {counts.table}
          , final {counts.final}, same {counts.same}
        </p>
      )}
      {diffs && other && (
        <DiffKernelsTable
          key={other.name}
          diffs={diffs}
          otherName={other.name}
          disassembler={deps.disassembler ?? null}
          aSymbols={aSymbols ?? undefined}
          bSymbols={other.symbols}
        />
      )}
    </section>
  );
}
