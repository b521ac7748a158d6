/**
 * The one place the browser's real dependencies are chosen: localStorage, the scenario parser,
 * the simulator, the permalink codec. Everything else receives them (and tests pass fakes).
 */
import { simulate } from '../core';
import { parseTextScenario } from '../core/scenario/text';
import { decodePermalink, encodePermalink } from '../permalink';
import type { AppDeps, KeyValueStorage } from '../state/deps';
import { defaultScenario } from './examples';

function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the app works, without local saving
  }
}

export function createBrowserDeps(): AppDeps {
  return {
    storage: browserStorage(),
    parseScenario: (text) => parseTextScenario(text),
    simulate,
    defaultScenario,
    encodePermalink,
    decodePermalink(fragment) {
      const r = decodePermalink(fragment);
      return r.ok ? { ok: true, state: r.state } : { ok: false, message: r.error.message };
    },
  };
}
