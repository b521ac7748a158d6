import type { AppActions } from '../state/actions';

declare global {
  interface Window {
    /** For Playwright only: fill the scenario without typing into Monaco key by key. */
    __altscopeTest?: { setScenarioText(text: string): void };
  }
}

export function installTestHook(actions: AppActions) {
  window.__altscopeTest = { setScenarioText: (text) => actions.setText(text) };
}
