import './load.css';
import { useAppState } from '../../state/hooks';
import { selectKernelShown } from '../../state/kernelLoad';
import { useKernelLoader } from './useKernelLoader';

const STAGE_LABEL = { reading: 'Reading', parsing: 'Parsing', sending: 'Listing' } as const;

/** Progress and cancel while a file is read; the error if it failed; what kernel is shown. */
export function LoadPanel() {
  const load = useAppState((s) => s.kernelLoad);
  const shown = useAppState(selectKernelShown);
  const loader = useKernelLoader();
  if (load.phase === 'loading') {
    const pct = Math.round(load.progress * 100);
    return (
      <div className="notice notice-info load-panel" data-testid="load-progress" role="status">
        <span>
          {STAGE_LABEL[load.stage ?? 'reading']} {load.fileName}…
        </span>
        <progress max={100} value={pct} aria-label={`Reading ${load.fileName ?? 'file'}`}>
          {pct}%
        </progress>
        <button type="button" data-testid="load-cancel" onClick={() => loader.cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  if (load.phase === 'failed' && load.error) {
    return (
      <div className="notice notice-error load-panel" data-testid="load-error" role="alert">
        <span>{load.error}</span>
        <button type="button" onClick={() => loader.dismissError()}>
          Dismiss
        </button>
      </div>
    );
  }
  if (!load.table) return null;
  const sites = load.table.sites.length;
  return (
    <div className="notice notice-info load-panel" data-testid="kernel-status">
      {shown ? (
        <>
          <span>
            Showing <strong>{load.fileName}</strong>
            {load.release ? ` (Linux ${load.release})` : ''}: {sites} sites. Your scenario text is
            kept; editing it shows the scenario again.
          </span>
          <button type="button" onClick={() => loader.showScenario()}>
            Show the scenario
          </button>
        </>
      ) : (
        <>
          <span>
            {load.fileName} is loaded ({sites} sites) but the scenario is shown.
          </span>
          <button type="button" onClick={() => loader.showKernel()}>
            Show {load.fileName}
          </button>
        </>
      )}
      {load.diagnostics.length > 0 && (
        <span className="muted small">
          {' '}
          {load.diagnostics.length} reader warning{load.diagnostics.length === 1 ? '' : 's'}:{' '}
          {load.diagnostics[0]?.message}
        </span>
      )}
    </div>
  );
}
