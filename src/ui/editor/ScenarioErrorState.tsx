import { useAppState } from '../../state/hooks';
import type { Diagnostic } from '../../core/model';
import { selectKernelShown } from '../../state/kernelLoad';
import { jumpToText } from './editorJump';

const errorsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** Where the first error is, as a button to it (or plain text when it has no line). */
function FirstError({ error }: { error: Diagnostic }) {
  const at = error.location?.kind === 'text' ? error.location : undefined;
  if (!at) return <>{error.message}</>;
  return (
    <button type="button" className="link-button" onClick={() => jumpToText(at)}>
      {at.line}:{at.column} {error.message}
    </button>
  );
}

/** In place of the sites when the scenario has never parsed: say why, not "no site matches". */
export function ScenarioErrorState() {
  const errors = errorsOf(useAppState((s) => s.diagnostics));
  const first = errors[0];
  if (!first) return <p className="panel muted results-whole">The scenario has no sites yet.</p>;
  return (
    <div
      className="panel scenario-error-state results-whole"
      role="status"
      data-testid="scenario-error-state"
    >
      <h2>The scenario has {errors.length === 1 ? 'an error' : `${errors.length} errors`}</h2>
      <p>
        <FirstError error={first} />
      </p>
      <p className="muted small">
        Its sites show once it parses. Every problem is listed under the editor.
      </p>
    </div>
  );
}

/** Over the results while the text has errors: they are the last text that parsed. */
export function StaleTableNote() {
  const errors = errorsOf(useAppState((s) => s.diagnostics));
  // A loaded kernel's table is not the text's.
  const kernelShown = useAppState(selectKernelShown);
  const first = errors[0];
  if (!first || kernelShown) return null;
  return (
    <p className="stale-note small" role="status" data-testid="stale-table-note">
      The text has {errors.length === 1 ? 'an error' : `${errors.length} errors`}: showing the last
      scenario that parsed. <FirstError error={first} />
    </p>
  );
}
