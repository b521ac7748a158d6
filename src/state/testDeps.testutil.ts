/**
 * Real dependencies for store tests under Node: the real scenario parser, simulator, permalink
 * codec and iced-x86 decoder; an in-memory storage; a simulator wrapper that records which sites
 * each call simulated.
 */
import { simulate } from '../core';
import type { AltTable } from '../core/model';
import { parseScenario } from '../core/scenario';
import { createDecoder } from '../disasm/node';
import { defaultScenario } from '../examples';
import { decodePermalink, encodePermalink } from '../permalink';
import { createActions } from './actions';
import type { AppDeps, KeyValueStorage } from './deps';
import type { Timers } from './session';
import { createAppStore } from './store';

export const decoder = createDecoder();

export function createMemoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

/** Deps as the browser wires them, plus `simulated`: the site addresses of each simulate call. */
export function createTestDeps(storage: KeyValueStorage | null = createMemoryStorage()) {
  const simulated: string[][] = [];
  const deps: AppDeps = {
    storage,
    parseScenario: (text, kernel) => parseScenario(text, undefined, kernel),
    simulate(table: AltTable, opts, d) {
      simulated.push(table.sites.map((s) => `0x${s.addr.toString(16)}`));
      return simulate(table, opts, d);
    },
    defaultScenario,
    encodePermalink,
    decodePermalink(fragment) {
      const r = decodePermalink(fragment);
      return r.ok
        ? { ok: true, state: r.state, warnings: r.warnings }
        : { ok: false, message: r.error.message };
    },
  };
  return { deps, simulated };
}

export function createTestApp(storage: KeyValueStorage | null = createMemoryStorage()) {
  const { deps, simulated } = createTestDeps(storage);
  const store = createAppStore(deps, deps.defaultScenario);
  const actions = createActions(store, deps);
  return { deps, simulated, store, actions, storage };
}

/** Timers the test fires by hand: `advance(ms)` runs what is due. */
export function createManualTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let queue: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    set(fn, ms) {
      const id = nextId++;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clear(t) {
      queue = queue.filter((x) => x.id !== t);
    },
    advance(ms) {
      now += ms;
      const due = queue.filter((x) => x.at <= now);
      queue = queue.filter((x) => x.at > now);
      for (const x of due) x.fn();
    },
    pending: () => queue.length,
  };
}
