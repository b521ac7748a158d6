import { useActions, useAppState } from '../../state/hooks';

/** The scenario as a plain textarea: shown until Monaco has loaded (and if it fails to). */
export function PlainEditor() {
  const text = useAppState((s) => s.text);
  const actions = useActions();
  return (
    <textarea
      className="plain-editor"
      aria-label="Scenario text"
      spellCheck={false}
      value={text}
      onChange={(e) => actions.setText(e.target.value)}
    />
  );
}
