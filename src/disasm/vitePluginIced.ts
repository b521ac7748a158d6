/**
 * Serves `iced-x86` to the browser as an ES module built from the package's own CommonJS glue.
 *
 * Why: the npm build targets Node — it takes `TextDecoder` from `util` and ends by reading the
 * wasm with `fs` and instantiating it synchronously. We keep every line of the wasm-bindgen glue,
 * drop those two Node-only pieces, wrap the rest in a function (so the bundler sees no duplicate
 * top-level declarations), instantiate the wasm through Vite's `?init` import, and re-export the
 * names the glue assigns to `module.exports`. Any unexpected text fails the build loudly so an
 * iced-x86 upgrade cannot break the browser silently. Node and Vitest keep using the package as is.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_ID = '\0iced-x86-browser';
const UTIL_REQUIRE = 'const { TextDecoder, TextEncoder } = require(`util`);';
const FS_TAIL = "const path = require('path').join(__dirname, 'iced_x86_bg.wasm');";
const IMPORTS_HEAD = "let imports = {};\nimports['__wbindgen_placeholder__'] = module.exports;";
const EXPORT_NAME = /^module\.exports\.([A-Za-z_$][\w$]*) = /gm;

/** Turn the CommonJS glue into an ES module source; throws with the reason when it does not fit. */
export function rewriteIcedGlue(glue: string, wasmUrl: string): string {
  for (const [what, text] of [
    ['the util TextDecoder require', UTIL_REQUIRE],
    ['the fs wasm loader', FS_TAIL],
    ['the wasm-bindgen imports object', IMPORTS_HEAD],
  ] as const) {
    if (!glue.includes(text)) {
      throw new Error(`iced-x86 glue changed: cannot find ${what} (${JSON.stringify(text)})`);
    }
  }
  const body = glue
    .slice(0, glue.indexOf(FS_TAIL))
    .replace(UTIL_REQUIRE, 'const { TextDecoder, TextEncoder } = globalThis;');
  const names = [...new Set([...body.matchAll(EXPORT_NAME)].map((m) => m[1] as string))].filter(
    (n) => !n.startsWith('__wb'),
  );
  for (const required of ['Decoder', 'Formatter', 'Instruction', 'FormatterSyntax']) {
    if (!names.includes(required)) throw new Error(`iced-x86 glue changed: no export ${required}`);
  }
  return [
    `import initWasm from ${JSON.stringify(wasmUrl + '?init')};`,
    'function setUpGlue(module) {',
    body,
    '  return { imports, setWasm(instance) { wasm = instance.exports; module.exports.__wasm = wasm; } };',
    '}',
    'const module = { exports: {} };',
    'const glue = setUpGlue(module);',
    'glue.setWasm(await initWasm(glue.imports));',
    'const api = module.exports;',
    'export default api;',
    ...names.map((n) => `export const ${n} = api.${n};`),
  ].join('\n');
}

/** The Vite plugin: resolve `iced-x86` to the rewritten module (client and workers). */
export function icedX86Browser(): Plugin {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('iced-x86');
  const wasmPath = join(dirname(gluePath), 'iced_x86_bg.wasm');
  return {
    name: 'altscope:iced-x86-browser',
    enforce: 'pre',
    resolveId(id) {
      return id === 'iced-x86' ? VIRTUAL_ID : null;
    },
    load(id) {
      if (id !== VIRTUAL_ID) return null;
      this.addWatchFile(gluePath);
      return rewriteIcedGlue(readFileSync(gluePath, 'utf8'), wasmPath);
    },
  };
}
