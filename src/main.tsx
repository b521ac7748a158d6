import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from './state/actions';
import { AppContext } from './state/hooks';
import { createReportSelector } from './state/report';
import { startAutosave, startSession } from './state/session';
import { createAppStore } from './state/store';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import './ui/app.css';
import { startEmbed } from './ui/embed/startEmbed';
import { isEmbedUrl } from './ui/embed/embedRoute';
import { installTestHook } from './ui/testHook';
import { createBrowserDeps } from './ui/wiring';

// `?embed`: the read-only single-site view for iframes (no editor, no storage).
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('altscope: #root missing from index.html');
if (isEmbedUrl(location.search)) startEmbed(rootElement);
else startApp(rootElement);

function startApp(root: HTMLElement) {
  const deps = createBrowserDeps();
  const store = createAppStore(deps, deps.defaultScenario);
  const actions = createActions(store, deps);
  startSession(store, actions, deps, location.hash.slice(1));
  const autosave = startAutosave(store, deps.storage);
  addEventListener('pagehide', () => autosave.flush());
  // A link pasted into the address bar of an open tab: treat it like opening the link.
  addEventListener('hashchange', () => {
    autosave.flush();
    startSession(store, actions, deps, location.hash.slice(1));
  });
  installTestHook(actions, store);

  // A caught render error is shown in its area with a way out (ErrorBoundary); React would
  // otherwise report it as a console error as well.
  const onCaughtError = (error: unknown) => console.warn('altscope: render error caught', error);
  createRoot(root, { onCaughtError }).render(
    <StrictMode>
      <AppContext.Provider
        value={{ store, actions, deps, report: createReportSelector(deps.simulate) }}
      >
        <ErrorBoundary area="altscope" whole>
          <App />
        </ErrorBoundary>
      </AppContext.Provider>
    </StrictMode>,
  );

  // Once the user changes what a link showed, the address bar no longer shows that link: a reload
  // then reopens the local draft (which has the edits) instead of the old link.
  store.subscribe((s, prev) => {
    if (
      location.hash &&
      (s.text !== prev.text || s.features !== prev.features) &&
      s.origin !== 'link'
    ) {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });
}
