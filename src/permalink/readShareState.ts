import { KERNEL_VERSIONS, PATCH_LOOPS, defaultLoop } from '../core/model';
import type { KernelVersion, PatchLoop } from '../core/model';
import { MAX_BANNER_CHARS, MAX_FEATURES, MAX_NAME_CHARS, MAX_SITES, MAX_WARNINGS } from './limits';
import { DEFAULT_KERNEL, DEFAULT_VIEW, REVIEW_TABS } from './shareState';
import type { AsmSyntax, ReviewTab, ShareState, ViewOptions } from './shareState';

/**
 * Turns a parsed permalink document (already migrated to the current version) into a complete
 * ShareState. Tolerant the way a public contract must be: missing keys take their defaults,
 * unknown keys are ignored with a warning (a newer altscope may have added them); a known key of
 * the wrong type is an error naming the key, because guessing would show the reader a different
 * view than the writer saw.
 */

/** Result of {@link readShareState}. */
export type ReadStateResult =
  { ok: true; state: ShareState; warnings: string[] } | { ok: false; message: string };

const TOP_KEYS = [
  'scenario',
  'features',
  'featuresOff',
  'kernel',
  'engine',
  'site',
  'sites',
  'view',
  'banner',
];
const VIEW_KEYS = ['syntax', 'teachingMode', 'compareLoops', 'tab'];
const SYNTAXES: readonly AsmSyntax[] = ['att', 'intel'];

class FieldError {
  constructor(readonly message: string) {}
}

/** Validates `doc` and fills defaults. Never throws. */
export function readShareState(doc: unknown): ReadStateResult {
  if (!isRecord(doc))
    return { ok: false, message: `permalink JSON must be an object, not ${describe(doc)}` };
  const warnings: string[] = [];
  try {
    warnUnknownKeys(doc, TOP_KEYS, '', warnings);
    const kernel = readChoice<KernelVersion>(doc, 'kernel', KERNEL_VERSIONS) ?? DEFAULT_KERNEL;
    const engine = readChoice<PatchLoop>(doc, 'engine', PATCH_LOOPS) ?? defaultLoop(kernel);
    const state: ShareState = {
      features: readNames(doc, 'features', MAX_FEATURES),
      kernel,
      engine,
      sites: readNames(doc, 'sites', MAX_SITES),
      view: readView(doc, warnings),
    };
    const scenario = readString(doc, 'scenario', Infinity);
    if (scenario !== undefined) state.scenario = scenario;
    const site = readString(doc, 'site', MAX_NAME_CHARS);
    if (site !== undefined) state.site = site;
    // Optional, so states from links without it compare equal to those written before it existed.
    if (Object.hasOwn(doc, 'featuresOff'))
      state.featuresOff = readNames(doc, 'featuresOff', MAX_FEATURES);
    const banner = readString(doc, 'banner', MAX_BANNER_CHARS);
    if (banner !== undefined) state.banner = banner;
    return { ok: true, state, warnings: capWarnings(warnings) };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, message: e.message };
    throw e;
  }
}

function readView(doc: Record<string, unknown>, warnings: string[]): ViewOptions {
  const view: ViewOptions = { ...DEFAULT_VIEW };
  if (!Object.hasOwn(doc, 'view')) return view;
  const raw = doc['view'];
  if (!isRecord(raw))
    throw new FieldError(`permalink JSON: key "view" must be an object, not ${describe(raw)}`);
  warnUnknownKeys(raw, VIEW_KEYS, 'view.', warnings);
  view.syntax = readChoice<AsmSyntax>(raw, 'syntax', SYNTAXES, 'view.') ?? view.syntax;
  view.teachingMode = readBoolean(raw, 'teachingMode', 'view.') ?? view.teachingMode;
  view.compareLoops = readBoolean(raw, 'compareLoops', 'view.') ?? view.compareLoops;
  const tab = readChoice<ReviewTab>(raw, 'tab', REVIEW_TABS, 'view.');
  // Optional, so views from links without it compare equal to those written before it existed.
  if (tab !== undefined) view.tab = tab;
  return view;
}

function readChoice<T extends string>(
  obj: Record<string, unknown>,
  key: string,
  choices: readonly T[],
  prefix = '',
): T | undefined {
  if (!Object.hasOwn(obj, key)) return undefined;
  const v = obj[key];
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
  const list = choices.map((c) => `"${c}"`);
  const alternatives = `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  throw new FieldError(
    `permalink JSON: key "${prefix}${key}" must be ${alternatives}, not ${describe(v)}`,
  );
}

function readBoolean(
  obj: Record<string, unknown>,
  key: string,
  prefix: string,
): boolean | undefined {
  if (!Object.hasOwn(obj, key)) return undefined;
  const v = obj[key];
  if (typeof v === 'boolean') return v;
  throw new FieldError(
    `permalink JSON: key "${prefix}${key}" must be true or false, not ${describe(v)}`,
  );
}

function readString(
  obj: Record<string, unknown>,
  key: string,
  maxChars: number,
): string | undefined {
  if (!Object.hasOwn(obj, key)) return undefined;
  const v = obj[key];
  if (typeof v !== 'string')
    throw new FieldError(`permalink JSON: key "${key}" must be a string, not ${describe(v)}`);
  if (v.length > maxChars) {
    throw new FieldError(
      `permalink JSON: key "${key}" is ${v.length} characters long (at most ${maxChars})`,
    );
  }
  return v;
}

function readNames(obj: Record<string, unknown>, key: string, maxCount: number): string[] {
  if (!Object.hasOwn(obj, key)) return [];
  const v = obj[key];
  if (!Array.isArray(v)) {
    throw new FieldError(
      `permalink JSON: key "${key}" must be an array of strings, not ${describe(v)}`,
    );
  }
  if (v.length > maxCount) {
    throw new FieldError(
      `permalink JSON: key "${key}" has ${v.length} items (at most ${maxCount})`,
    );
  }
  return v.map((item: unknown, i) => {
    if (typeof item !== 'string') {
      throw new FieldError(
        `permalink JSON: key "${key}" item ${i} must be a string, not ${describe(item)}`,
      );
    }
    if (item.length > MAX_NAME_CHARS) {
      throw new FieldError(
        `permalink JSON: key "${key}" item ${i} is ${item.length} characters long (at most ${MAX_NAME_CHARS})`,
      );
    }
    return item;
  });
}

function warnUnknownKeys(
  obj: Record<string, unknown>,
  known: string[],
  prefix: string,
  warnings: string[],
): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key))
      warnings.push(`permalink JSON: ignored unknown key "${prefix}${clip(key)}"`);
  }
}

/** Keeps the first MAX_WARNINGS warnings and counts the rest, so a hostile link cannot flood the UI. */
function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  const rest = warnings.length - MAX_WARNINGS;
  return [...warnings.slice(0, MAX_WARNINGS), `permalink JSON: ${rest} more unknown keys ignored`];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${clip(v)}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
