import type { AppActions } from '../state/actions';
import type { AppState, AppStore } from '../state/store';

declare global {
  interface Window {
    /** For Playwright only: fill the scenario without typing into Monaco key by key. */
    __altscopeTest?: {
      setScenarioText(text: string): void;
      /** Put state no action produces (corrupt saved choices) to prove a render error is caught. */
      patchState(patch: Partial<AppState>): void;
    };
  }
}

export function installTestHook(actions: AppActions, store: AppStore) {
  window.__altscopeTest = {
    setScenarioText: (text) => actions.setText(text),
    patchState: (patch) => store.setState(patch),
  };
}
