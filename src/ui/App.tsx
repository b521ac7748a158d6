import { lazy, Suspense, useEffect } from 'react';
import { useAppState, useReport } from '../state/hooks';
import { findSite } from '../state/selectors';
import { FeaturesPanel } from './features/FeaturesPanel';
import { hexAddr } from './format';
import { NoticeBar } from './NoticeBar';
import { DropZone } from './load/DropZone';
import { LoadPanel } from './load/LoadPanel';
import { ReviewPanel } from './review';
import { SiteView } from './site/SiteView';
import { SiteList } from './sites/SiteList';
import { Toolbar } from './Toolbar';
import { PlainEditor } from './editor/PlainEditor';

// Monaco (2.7 MB) loads after first paint; until then a plain textarea edits the same text.
const ScenarioEditor = lazy(() => import('./editor/ScenarioEditor'));

export function App() {
  const theme = useAppState((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div className="app">
      <Toolbar />
      <NoticeBar />
      <LoadPanel />
      <DropZone />
      <main className="layout">
        <div className="left">
          <section className="panel editor-panel" aria-label="Scenario">
            <Suspense fallback={<PlainEditor />}>
              <ScenarioEditor />
            </Suspense>
            <Diagnostics />
          </section>
          <FeaturesPanel />
        </div>
        <Results />
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
    return <p className="panel error">The disassembler failed to load: {disasmError}</p>;
  if (!table) return <p className="panel muted">The scenario has no sites yet.</p>;
  if (!report)
    return (
      <p className="panel muted" aria-live="polite">
        Loading the x86 decoder…
      </p>
    );
  const result = report.sites.find((r) => hexAddr(r.addr) === selected) ?? report.sites[0];
  const site = result ? findSite(table, result.addr) : undefined;
  return (
    <>
      <SiteList report={report} />
      <section className="panel site-panel" aria-label="Selected site">
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
            <ReviewPanel result={result} site={site} />
          </>
        ) : (
          <p className="muted">No site selected.</p>
        )}
      </section>
    </>
  );
}

function Diagnostics() {
  const diagnostics = useAppState((s) => s.diagnostics);
  if (diagnostics.length === 0)
    return <p className="muted small diag-summary">No problems in the scenario.</p>;
  return (
    <ul className="diag-list" aria-label="Scenario problems" data-testid="scenario-diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i} className={`diag diag-${d.severity}`}>
          {d.location?.kind === 'text' ? `${d.location.line}:${d.location.column} ` : ''}
          {d.severity}: {d.message}
        </li>
      ))}
    </ul>
  );
}
