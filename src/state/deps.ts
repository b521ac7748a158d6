/**
 * Everything the store needs from the outside world, passed in so its logic runs under Node:
 * storage, the URL fragment, the scenario parser, the simulator, the permalink codec.
 */
import type { AltTable, Diagnostic, KernelVersion } from '../core/model';
import type { PatchReport, SimulateOptions } from '../core/patch/report';
import type { Assembler, InsnDecoder } from '../core/ports';
import type { ShareState } from '../permalink/shareState';

/** The part of `localStorage` the store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What the scenario parser returns: a table when the text made sense, and every diagnostic. */
export interface ScenarioParse {
  table?: AltTable;
  diagnostics: Diagnostic[];
}

/** A decoded permalink (with what was ignored in it), or why it could not be decoded. */
export type PermalinkDecode =
  { ok: true; state: ShareState; warnings?: string[] } | { ok: false; message: string };

export interface AppDeps {
  storage: KeyValueStorage | null;
  /** `kernel`: resolve feature names in this profile instead of the scenario's `kernel` line. */
  parseScenario(text: string, kernel?: KernelVersion): ScenarioParse;
  simulate(table: AltTable, opts: SimulateOptions, decoder: InsnDecoder): PatchReport;
  /** Macro statements parse once this is given (iced-x86 loads after first paint). */
  useAssembler?(assembler: Assembler): void;
  /** The text opened on first visit. */
  defaultScenario: string;
  encodePermalink(state: ShareState): string;
  decodePermalink(fragment: string): PermalinkDecode;
}
