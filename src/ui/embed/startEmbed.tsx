import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadBrowserDisasm } from '../../disasm/browser';
import { createActions } from '../../state/actions';
import { AppContext } from '../../state/hooks';
import { createReportSelector } from '../../state/report';
import { applyShareState } from '../../state/share';
import { createAppStore } from '../../state/store';
import { createBrowserDeps } from '../wiring';
import { EmbedApp } from './EmbedApp';

/**
 * Boots the read-only embed: the link's state only. No storage (an iframe on someone's page must
 * never touch the reader's own altscope draft), no autosave, no editor, no test hook.
 */
export function startEmbed(root: HTMLElement) {
  const deps = { ...createBrowserDeps(), storage: null };
  const store = createAppStore(deps, deps.defaultScenario);
  const actions = createActions(store, deps);
  const openFragment = () => {
    const fragment = location.hash.slice(1);
    if (fragment === '') {
      actions.loadScenario(deps.defaultScenario, 'default');
      return actions.dismissNotice();
    }
    const decoded = deps.decodePermalink(fragment);
    if (!decoded.ok)
      return actions.showNotice('error', `This link could not be opened: ${decoded.message}`);
    const problems = applyShareState(store, deps, decoded.state);
    if (problems.length > 0) actions.showNotice('error', problems.join('; '));
    else actions.dismissNotice();
  };
  openFragment();
  addEventListener('hashchange', openFragment);
  loadBrowserDisasm().then(
    ({ decoder, disassembler, assembler }) => actions.setDisasm(decoder, disassembler, assembler),
    (e: unknown) => actions.setDisasmError(e instanceof Error ? e.message : String(e)),
  );
  createRoot(root).render(
    <StrictMode>
      <AppContext.Provider
        value={{ store, actions, deps, report: createReportSelector(deps.simulate) }}
      >
        <EmbedApp />
      </AppContext.Provider>
    </StrictMode>,
  );
}
