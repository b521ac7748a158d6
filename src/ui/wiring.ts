/**
 * The one place the browser's real dependencies are chosen: localStorage, the scenario parser,
 * the simulator, the permalink codec. Everything else receives them (and tests pass fakes).
 */
import { simulate } from '../core';
import { parseScenario } from '../core/scenario';
import { defaultScenario } from '../examples';
import { decodePermalink, encodePermalink } from '../permalink';
import type { AppDeps, KeyValueStorage } from '../state/deps';
import type { Assembler } from '../core/ports';

function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the app works, without local saving
  }
}

export function createBrowserDeps(): AppDeps {
  let assembler: Assembler | undefined;
  return {
    storage: browserStorage(),
    // JSON (the interchange form) starts with `{`; everything else is the text format.
    parseScenario: (text, kernel) =>
      parseScenario(text, undefined, kernel, assembler ? { assembler } : {}),
    useAssembler(a) {
      assembler = a;
    },
    simulate,
    defaultScenario,
    encodePermalink,
    decodePermalink(fragment) {
      const r = decodePermalink(fragment);
      return r.ok
        ? { ok: true, state: r.state, warnings: r.warnings }
        : { ok: false, message: r.error.message };
    },
  };
}
