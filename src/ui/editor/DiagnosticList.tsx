import { useAppState } from '../../state/hooks';
import { jumpToText } from './editorJump';

/** Every problem of the scenario, scrollable; one with a line:column jumps the editor there. */
export function DiagnosticList() {
  const diagnostics = useAppState((s) => s.diagnostics);
  if (diagnostics.length === 0)
    return <p className="muted small diag-summary">No problems in the scenario.</p>;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <div className="diag-box">
      <p className="small diag-summary" data-testid="scenario-problem-count">
        {errors} error{errors === 1 ? '' : 's'}, {diagnostics.length - errors} other
        {diagnostics.length - errors === 1 ? '' : 's'}
      </p>
      <ul className="diag-list" aria-label="Scenario problems" data-testid="scenario-diagnostics">
        {diagnostics.map((d, i) => {
          const at = d.location?.kind === 'text' ? d.location : undefined;
          const text = `${at ? `${at.line}:${at.column} ` : ''}${d.severity}: ${d.message}`;
          return (
            <li key={i} className={`diag diag-${d.severity}`}>
              {at ? (
                <button
                  type="button"
                  className="link-button"
                  title={`Go to line ${at.line}, column ${at.column}`}
                  onClick={() => jumpToText(at)}
                >
                  {text}
                </button>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
