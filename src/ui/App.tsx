import { lazy, Suspense, useEffect, useState, type CSSProperties } from 'react';
import type { PatchReport, SiteResult } from '../core/patch/report';
import { useActions, useAppState, useReport } from '../state/hooks';
import { findSite } from '../state/selectors';
import { FeaturesPanel } from './features/FeaturesPanel';
import { NoticeBar } from './NoticeBar';
import { DropZone } from './load/DropZone';
import { LoadPanel } from './load/LoadPanel';
import { ReviewPanel } from './review';
import { SiteView } from './site/SiteView';
import { SiteList } from './sites/SiteList';
import { Toolbar } from './Toolbar';
import { afterFirstPaint, whenIdle } from './afterFirstPaint';
import { loadBrowserDisasm } from '../disasm/browser';
import { DiagnosticList } from './editor/DiagnosticList';
import { ScenarioErrorState, StaleTableNote } from './editor/ScenarioErrorState';
import { PlainEditor } from './editor/PlainEditor';
import { ErrorBoundary } from './ErrorBoundary';
import { ExampleIntro } from './ExamplesMenu';
import { usePresenting } from './presentation';
import { PaneSeparator } from './layout/PaneSeparator';
import { PANE_LIMITS, usePaneWidths } from './layout/usePaneWidths';
import { BootPassesPanel } from './passes/BootPassesPanel';
import { SitePassHistory } from './passes/SitePassHistory';
import { useBootPassesSync, useBootStart } from './load/useBootPasses';

// Monaco (2.7 MB) loads after first paint; until then a plain textarea edits the same text.
const ScenarioEditor = lazy(() => import('./editor/ScenarioEditor'));

/**
 * Monaco is requested only once the site view can show (decoder loaded or failed) and the page
 * is idle: its 786 KB (gzip) chunk would otherwise compete with first paint and with a cold
 * link's site for the main thread.
 */
/**
 * iced-x86 (100 KB of glue, 250 KB of wasm, gzip) starts loading once the first render has
 * committed and its frame painted — scheduled from an effect, because `render()` itself commits
 * later than the first animation frame. The report appears when it is ready.
 */
function useDisasmAfterFirstPaint() {
  const actions = useActions();
  useEffect(
    () =>
      afterFirstPaint(() => {
        loadBrowserDisasm().then(
          ({ decoder, disassembler, assembler }) =>
            actions.setDisasm(decoder, disassembler, assembler),
          (e: unknown) => actions.setDisasmError(e instanceof Error ? e.message : String(e)),
        );
      }),
    [actions],
  );
}

function useEditorWanted(): boolean {
  const siteViewReady = useAppState((s) => s.decoder !== null || s.disasmError !== null);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!siteViewReady || wanted) return;
    return whenIdle(() => setWanted(true), 1500);
  }, [siteViewReady, wanted]);
  return wanted;
}

export function App() {
  const theme = useAppState((s) => s.theme);
  // A render error in one area leaves the others (and the editor) working; a text change retries.
  const text = useAppState((s) => s.text);
  useDisasmAfterFirstPaint();
  useBootPassesSync();
  const editorWanted = useEditorWanted();
  const kernelKey = useKernelKey();
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  const presenting = usePresenting();
  const [widths, setWidths] = usePaneWidths();
  const kernelShown = useAppState(
    (s) => s.kernelLoad.table !== null && s.table === s.kernelLoad.table,
  );
  // While a kernel is shown the scenario text is not what the columns show: fold it away.
  const [editorOpen, setEditorOpen] = useState(false);
  const editorHidden = kernelShown && !editorOpen;
  const paneStyle = {
    '--left-w': `${widths.left}px`,
    '--list-w': `${widths.list}px`,
  } as CSSProperties;
  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <Toolbar />
      <NoticeBar />
      <LoadPanel />
      <DropZone />
      <main className="layout" style={paneStyle}>
        <div className="left">
          <section
            className={`panel editor-panel${editorHidden ? ' editor-folded' : ''}`}
            aria-label="Scenario"
          >
            {kernelShown && (
              <button
                type="button"
                className="editor-fold"
                aria-expanded={!editorHidden}
                data-testid="editor-fold"
                onClick={() => setEditorOpen(editorHidden)}
              >
                {editorHidden ? '▸ Scenario editor (not shown: a kernel is)' : '▾ Scenario editor'}
              </button>
            )}
            <div className="editor-body" hidden={editorHidden}>
              <ErrorBoundary area="the editor">
                {editorWanted ? (
                  <Suspense fallback={<PlainEditor />}>
                    <ScenarioEditor />
                  </Suspense>
                ) : (
                  <PlainEditor />
                )}
              </ErrorBoundary>
              <DiagnosticList />
            </div>
          </section>
          <ErrorBoundary area="the feature list" resetKey={text}>
            <FeaturesPanel key={kernelKey} />
          </ErrorBoundary>
        </div>
        <PaneSeparator
          className="sep-left"
          label="Width of the scenario and features panes"
          value={widths.left}
          min={PANE_LIMITS.left[0]}
          max={PANE_LIMITS.left[1]}
          onChange={(left) => setWidths({ left })}
        />
        <ErrorBoundary area="the results" resetKey={text} className="results-whole">
          <Results
            key={kernelKey}
            listWidth={widths.list}
            onListWidth={(list) => setWidths({ list })}
          />
        </ErrorBoundary>
      </main>
    </div>
  );
}

/**
 * A new key per loaded kernel file, so the panels that render its table remount: React keeps
 * each component's previous render (its alternate fibre) until it renders again, and those
 * held the previous kernel's report and names — 15 MB of heap per load (issue 13). Scenario
 * edits keep the key, so typing never remounts.
 */
const kernelKeys = new WeakMap<object, number>();
let nextKernelKey = 1;
function useKernelKey(): number {
  const table = useAppState((s) => s.kernelLoad.table);
  if (!table) return 0;
  let key = kernelKeys.get(table);
  if (key === undefined) kernelKeys.set(table, (key = nextKernelKey++));
  return key;
}

function Results(props: { listWidth: number; onListWidth(w: number): void }) {
  const report = useReport(useBootStart());
  const table = useAppState((s) => s.table);
  const selected = useAppState((s) => s.site);
  const disasmError = useAppState((s) => s.disasmError);
  if (disasmError)
    return (
      <p className="panel error results-whole">The disassembler failed to load: {disasmError}</p>
    );
  if (!table) return <ScenarioErrorState />;
  if (!report)
    return (
      <p className="panel muted results-whole" aria-live="polite">
        Loading the x86 decoder…
      </p>
    );
  const result = findResult(report, selected) ?? report.sites[0];
  const site = result ? findSite(table, result.addr) : undefined;
  return (
    <>
      <SiteList report={report} />
      <PaneSeparator
        className="sep-list"
        label="Width of the site list"
        value={props.listWidth}
        min={PANE_LIMITS.list[0]}
        max={PANE_LIMITS.list[1]}
        onChange={props.onListWidth}
      />
      <section className="panel site-panel" aria-label="Selected site">
        <ExampleIntro />
        <StaleTableNote />
        {report.diagnostics.length > 0 && (
          <ul className="table-diags">
            {report.diagnostics.map((d, i) => (
              <li key={i} className={`diag diag-${d.severity}`}>
                {d.code}: {d.message}
              </li>
            ))}
          </ul>
        )}
        {result && site ? (
          <>
            <SiteView result={result} site={site} />
            <SitePassHistory addr={result.addr} />
            <ReviewPanel result={result} site={site} />
          </>
        ) : (
          <p className="muted">No site selected.</p>
        )}
        <BootPassesPanel />
      </section>
    </>
  );
}

/** The result at address `selected` (`0x…`): compared as numbers, not 6,000 formatted strings. */
function findResult(report: PatchReport, selected: string | null): SiteResult | undefined {
  if (selected === null || !/^0x[0-9a-f]+$/i.test(selected)) return undefined;
  const addr = BigInt(selected);
  return report.sites.find((r) => r.addr === addr);
}
