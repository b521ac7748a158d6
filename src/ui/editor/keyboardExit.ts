/**
 * Leaving Monaco from the keyboard (WCAG 2.1.2, no keyboard trap). Tab types a tab in code, so
 * Tab alone cannot leave; as in Monaco's accessibility guidance: Esc then Tab / Shift+Tab moves
 * focus on, and Ctrl+M switches "Tab moves focus" on or off. Both use Monaco's own
 * `tabFocusMode`, so focus goes where the browser's Tab order goes.
 */
import type { monaco as Monaco } from './monacoSetup';

type Editor = ReturnType<typeof Monaco.editor.create>;

/** How Tab behaves now: types a tab, leaves once (after Esc), or always moves focus (Ctrl+M). */
export type TabMode = 'insert' | 'leave-once' | 'move-focus';

export function installKeyboardExit(
  monaco: typeof Monaco,
  editor: Editor,
  onMode: (mode: TabMode) => void,
): () => void {
  const { KeyCode, KeyMod } = monaco;
  let sticky = false;
  let armed = false;
  const apply = () => {
    editor.updateOptions({ tabFocusMode: sticky || armed });
    onMode(sticky ? 'move-focus' : armed ? 'leave-once' : 'insert');
  };
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyM, () => {
    sticky = !sticky;
    armed = false;
    apply();
  });
  const keys = editor.onKeyDown((e) => {
    if (e.keyCode === KeyCode.Escape) {
      if (!armed) {
        armed = true;
        apply();
      }
    } else if (armed && e.keyCode !== KeyCode.Tab && e.keyCode !== KeyCode.Shift) {
      armed = false;
      apply();
    }
  });
  // Esc is a one-time way out: coming back, Tab types a tab again.
  const blur = editor.onDidBlurEditorText(() => {
    if (!armed) return;
    armed = false;
    apply();
  });
  return () => {
    keys.dispose();
    blur.dispose();
  };
}

/** The hint under the editor, for each mode (also read out: it is a live status). */
export const TAB_MODE_HINT: Record<TabMode, string> = {
  insert: 'Keyboard: Esc then Tab (or Shift+Tab) leaves the editor; Ctrl+M makes Tab move focus.',
  'leave-once': 'Tab or Shift+Tab now leaves the editor.',
  'move-focus': 'Tab moves focus (Ctrl+M again to type tabs).',
};
