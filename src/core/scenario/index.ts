/**
 * Scenario input, either form: JSON (the interchange form, starts with `{`) or the text format.
 */
import type { KernelVersion } from '../model';
import { parseJsonScenario } from './json';
import type { ScenarioParse } from './text';
import { parseTextScenario } from './text';
import type { MacroSupport } from './textMacro';

export type { MacroSupport } from './textMacro';

export type { ScenarioParse } from './text';
export { parseTextScenario } from './text';
export { printTextScenario } from './print';
export { parseJsonScenario } from './json';

/** True when `text` is the JSON form: its first non-blank character is `{`. */
export function isJsonScenario(text: string): boolean {
  return /^\s*\{/.test(text);
}

/**
 * Parse a scenario in either form; `file` only goes into diagnostic locations; `kernel` resolves
 * feature names in that profile instead of the scenario's own.
 */
export function parseScenario(
  text: string,
  file?: string,
  kernel?: KernelVersion,
  macros?: Partial<MacroSupport>,
): ScenarioParse {
  return isJsonScenario(text)
    ? parseJsonScenario(text, file, kernel)
    : parseTextScenario(text, file, kernel, macros);
}
