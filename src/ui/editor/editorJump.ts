/**
 * "Go to line:column" from outside the editor (the problem list): whichever editor is mounted,
 * Monaco or the plain textarea, listens. UI focus, not app state, so not in the store.
 */
export interface TextPosition {
  line: number;
  column: number;
}

type Listener = (at: TextPosition) => void;
const listeners = new Set<Listener>();

/** Move the editor's cursor to `at` and focus it. */
export function jumpToText(at: TextPosition) {
  for (const l of listeners) l(at);
}

/** Listen for jumps; returns the unsubscribe. */
export function onJumpToText(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The string offset of 1-based `line`:`column` in `text` (clamped to the text). */
export function offsetOf(text: string, at: TextPosition): number {
  let offset = 0;
  for (let line = 1; line < at.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(0, at.column - 1), lineEnd);
}
