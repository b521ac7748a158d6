import { lazy, Suspense, useEffect, useState } from 'react';
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
import { BootPassesPanel } from './passes/BootPassesPanel';
import { SitePassHistory } from './passes/SitePassHistory';
import { useBootPassesSync } from './load/useBootPasses';

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
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  const presenting = usePresenting();
  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <Toolbar />
      <NoticeBar />
      <LoadPanel />
      <DropZone />
      <main className="layout">
        <div className="left">
          <section className="panel editor-panel" aria-label="Scenario">
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
          </section>
          <ErrorBoundary area="the feature list" resetKey={text}>
            <FeaturesPanel />
          </ErrorBoundary>
        </div>
        <ErrorBoundary area="the results" resetKey={text} className="results-whole">
          <Results />
        </ErrorBoundary>
      </main>
    </div>
  );
}

function Results() {
  const report = useReport();
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
