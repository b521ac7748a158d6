/**
 * iced-x86 for Node (CLI, tests, benchmarks), required on first use: a command that never
 * decodes or disassembles never loads its 100 KB glue and 780 KB wasm (~40 ms per start), and
 * one that only simulates decodes most instructions through the pure-JS fast path.
 */
import type { IcedInsnDecoder } from './decoder';
import { makeIcedDecoder } from './decoder';
import type { FastPathDecoder } from './fastPath';
import { withFastPath } from './fastPath';
import type { IcedDisassembler } from './format';
import { makeIcedDisassembler } from './format';

type Iced = typeof import('iced-x86');

let iced: Iced | undefined;

/** The iced-x86 module, loaded synchronously the first time it is asked for. */
export function requireIced(): Iced {
  // createRequire keeps bundlers from hoisting it: the CLI bundle loads it here, not at start
  // (node:module through getBuiltinModule: an ESM import of a built-in costs ~1 ms per start).
  iced ??= process.getBuiltinModule('node:module').createRequire(import.meta.url)(
    'iced-x86',
  ) as Iced;
  return iced;
}

/** The core's decoder: the fast path, with iced-x86 loaded only for what it does not answer. */
export function createDecoder(): FastPathDecoder {
  return withFastPath(() => makeIcedDecoder(requireIced()));
}

/** The iced-x86 decoder alone (to check the fast path against it). */
export function createIcedDecoder(): IcedInsnDecoder {
  return makeIcedDecoder(requireIced());
}

/** A disassembler that loads iced-x86 on its first call; `dispose` frees it if it was made. */
export function createDisassembler(): IcedDisassembler {
  let dis: IcedDisassembler | undefined;
  const get = (): IcedDisassembler => (dis ??= makeIcedDisassembler(requireIced()));
  return {
    disassemble: (bytes, ip, syntax, symbols) => get().disassemble(bytes, ip, syntax, symbols),
    dispose() {
      dis?.dispose();
      dis = undefined;
    },
  };
}
