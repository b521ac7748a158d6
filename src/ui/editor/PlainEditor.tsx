import { useEffect, useRef } from 'react';
import { useActions, useAppState } from '../../state/hooks';
import { offsetOf, onJumpToText } from './editorJump';

/**
 * The scenario as a plain textarea: shown until Monaco has loaded (and if it fails to). A
 * textarea keeps the browser's Tab (focus moves on), so it is no keyboard trap.
 */
export function PlainEditor() {
  const text = useAppState((s) => s.text);
  const actions = useActions();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(
    () =>
      onJumpToText((at) => {
        const el = area.current;
        if (!el) return;
        const offset = offsetOf(el.value, at);
        el.focus();
        el.setSelectionRange(offset, offset);
      }),
    [],
  );
  return (
    <textarea
      ref={area}
      className="plain-editor"
      aria-label="Scenario text"
      data-testid="plain-editor"
      spellCheck={false}
      value={text}
      onChange={(e) => actions.setText(e.target.value)}
    />
  );
}
