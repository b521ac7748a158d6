/**
 * Input-kind detection for every command, in one place: a text or JSON scenario today; ELF,
 * boot logs and bzImage readers join here by their magic bytes.
 */
import type { AltTable, Diagnostic, KernelVersion } from '../core/model';
import { parseScenario } from '../core/scenario';
import { hasMacroStatement } from '../core/macros/macroSyntax';
import { createAssembler } from '../disasm/asm';
import { readBinaryInput, type BinaryKind } from '../binary/detect';
import type { KernelImage } from '../binary/elf/vmlinux';
import type { SymbolIndex } from '../binary/elf/kallsyms';

export type InputKind = 'scenario-json' | 'scenario-text' | BinaryKind;

export interface InputRead {
  kind: InputKind;
  table?: AltTable;
  diagnostics: Diagnostic[];
  /** ELF / bzImage inputs: the image read (sections, names, the alt table bounds). */
  image?: KernelImage;
  /** The ELF bytes `image` was read from (decompressed when the file was compressed). */
  elf?: Uint8Array;
}

/** Options only kernel inputs use: the profile override and System.map names. */
export interface KernelInputOptions {
  kernel?: KernelVersion;
  names?: SymbolIndex;
}

/** Recognise and read one input file. Never throws: problems are diagnostics. */
export function readInput(bytes: Uint8Array, file: string): InputRead {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const kind: InputKind = /^\s*\{/.test(text) ? 'scenario-json' : 'scenario-text';
  // Macro statements (`ALTERNATIVE_2 "…"`) need the assembler; plain scenarios never load it.
  const macros = hasMacroStatement(text) ? { assembler: createAssembler() } : {};
  return { kind, ...parseScenario(text, file, undefined, macros) };
}

/**
 * Every input kind, detected by content: ELF (vmlinux, .o, .ko), bzImage, `debug-alternative`
 * log, else a text or JSON scenario. Async because xz payloads decompress through a stream.
 */
export async function readAnyInput(
  bytes: Uint8Array,
  file: string,
  opts: KernelInputOptions = {},
): Promise<InputRead> {
  const bin = await readBinaryInput(bytes, opts);
  return bin ?? readInput(bytes, file);
}
