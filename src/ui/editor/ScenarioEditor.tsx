import { useEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../../core/model';
import { useActions, useStoreApi } from '../../state/hooks';
import { selectKernel } from '../../state/selectors';
import type { AppState } from '../../state/store';
import { onJumpToText } from './editorJump';
import { installKeyboardExit, TAB_MODE_HINT } from './keyboardExit';
import type { TabMode } from './keyboardExit';
import { monaco } from './monacoSetup';
import {
  LANGUAGE_ID,
  refreshInlineDisassembly,
  registerScenarioLanguage,
} from './scenarioLanguage';

/** The scenario in Monaco: edits go to the store as you type; diagnostics come back as markers. */
export default function ScenarioEditor() {
  const host = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const actions = useActions();
  const [tabMode, setTabMode] = useState<TabMode>('insert');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    registerScenarioLanguage({
      kernel: () => selectKernel(store.getState()),
      disassembler: () => store.getState().disassembler,
      syntax: () => store.getState().syntax,
    });
    defineThemes();
    const initial = store.getState();
    const model = monaco.editor.createModel(initial.text, LANGUAGE_ID);
    const editor = monaco.editor.create(el, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12,
      lineNumbersMinChars: 3,
      folding: false,
      // The editor column is narrow: wrap rather than push bytes and inline disassembly off the edge.
      wordWrap: 'on',
      wrappingIndent: 'deepIndent',
      scrollBeyondLastLine: false,
      inlayHints: { enabled: 'on' },
      ariaLabel: `Scenario text. ${TAB_MODE_HINT.insert}`,
      theme: resolveMonacoTheme(initial.theme),
    });
    const setMarkers = (diagnostics: Diagnostic[]) =>
      monaco.editor.setModelMarkers(
        model,
        'altscope',
        diagnostics.flatMap((d) => toMarker(model, d)),
      );
    setMarkers(initial.diagnostics);

    const typed = model.onDidChangeContent(() => actions.setText(model.getValue()));
    const unsubscribe = store.subscribe((s: AppState, prev: AppState) => {
      if (s.text !== model.getValue()) model.setValue(s.text);
      if (s.diagnostics !== prev.diagnostics) setMarkers(s.diagnostics);
      if (s.disassembler !== prev.disassembler || s.syntax !== prev.syntax)
        refreshInlineDisassembly();
      if (s.theme !== prev.theme) monaco.editor.setTheme(resolveMonacoTheme(s.theme));
    });
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => monaco.editor.setTheme(resolveMonacoTheme(store.getState().theme));
    media.addEventListener('change', onScheme);
    refreshInlineDisassembly();
    const uninstallExit = installKeyboardExit(monaco, editor, setTabMode);
    const unjump = onJumpToText(({ line, column }) => {
      editor.setPosition({ lineNumber: line, column });
      editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
      editor.focus();
    });
    return () => {
      unjump();
      uninstallExit();
      media.removeEventListener('change', onScheme);
      unsubscribe();
      typed.dispose();
      editor.dispose();
      model.dispose();
    };
  }, [store, actions]);

  return (
    <>
      <div ref={host} className="monaco-host" data-testid="scenario-editor" />
      <p className="muted small editor-hint" role="status" data-testid="editor-keyboard-hint">
        {TAB_MODE_HINT[tabMode]}
      </p>
    </>
  );
}

function resolveMonacoTheme(theme: AppState['theme']): string {
  const dark =
    theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  return dark ? 'altscope-dark' : 'altscope-light';
}

/**
 * Monaco's own themes draw inlay hints (our inline disassembly) in grey on grey, below WCAG AA
 * contrast; these keep everything else and give the hints readable colours.
 */
function defineThemes() {
  monaco.editor.defineTheme('altscope-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editorInlayHint.foreground': '#4a4a4a', 'editorInlayHint.background': '#eef1f4' },
  });
  monaco.editor.defineTheme('altscope-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editorInlayHint.foreground': '#c4c4c4', 'editorInlayHint.background': '#2a2d33' },
  });
}

/** A diagnostic with a text location becomes a marker over the word it points at. */
function toMarker(model: import('monaco-editor/editor').editor.ITextModel, d: Diagnostic) {
  if (d.location?.kind !== 'text') return [];
  const line = Math.min(Math.max(1, d.location.line), model.getLineCount());
  const column = Math.max(1, d.location.column);
  const word = model.getWordAtPosition({ lineNumber: line, column });
  const endColumn =
    word && word.startColumn <= column
      ? word.endColumn
      : Math.min(column + 1, model.getLineMaxColumn(line));
  return [
    {
      severity:
        d.severity === 'error'
          ? monaco.MarkerSeverity.Error
          : d.severity === 'warning'
            ? monaco.MarkerSeverity.Warning
            : monaco.MarkerSeverity.Info,
      message: `${d.location.line}:${d.location.column} ${d.message}`,
      code: d.code,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn: Math.max(endColumn, column + 1),
    },
  ];
}
