/**
 * Input-kind detection for every command, in one place: a text or JSON scenario today; ELF,
 * boot logs and bzImage readers join here by their magic bytes.
 */
import type { AltTable, Diagnostic } from '../core/model';
import { parseScenario } from '../core/scenario';

export type InputKind = 'scenario-json' | 'scenario-text';

export interface InputRead {
  kind: InputKind;
  table?: AltTable;
  diagnostics: Diagnostic[];
}

/** Recognise and read one input file. Never throws: problems are diagnostics. */
export function readInput(bytes: Uint8Array, file: string): InputRead {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const kind: InputKind = /^\s*\{/.test(text) ? 'scenario-json' : 'scenario-text';
  return { kind, ...parseScenario(text, file) };
}
