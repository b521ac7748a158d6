/**
 * The one place the browser's real dependencies are chosen: localStorage, the scenario parser,
 * the simulator, the permalink codec. Everything else receives them (and tests pass fakes).
 */
import { simulate } from '../core';
import { parseJsonScenario } from '../core/scenario/json';
import { parseTextScenario } from '../core/scenario/text';
import { defaultScenario } from '../examples';
import { decodePermalink, encodePermalink } from '../permalink';
import type { AppDeps, KeyValueStorage } from '../state/deps';

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
    // JSON (the interchange form) starts with `{`; everything else is the text format.
    parseScenario: (text) =>
      /^\s*\{/.test(text) ? parseJsonScenario(text) : parseTextScenario(text),
    simulate,
    defaultScenario,
    encodePermalink,
    decodePermalink(fragment) {
      const r = decodePermalink(fragment);
      return r.ok ? { ok: true, state: r.state } : { ok: false, message: r.error.message };
    },
  };
}
