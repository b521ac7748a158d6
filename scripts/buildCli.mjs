#!/usr/bin/env node
/**
 * Bundle the CLI (`src/cli/main.ts` and everything it imports) into `dist-cli/altscope.mjs`, so
 * `bin/altscope.mjs` starts without transpiling TypeScript on every run (tsx: ~1.5 s of CPU per
 * start on this machine). Packages stay external: iced-x86 and the decompressors load from
 * node_modules as usual.
 *
 * Run by `npm install` / `npm ci` (`prepare`) and by `npm run build:cli`. With `--optional` a
 * missing esbuild (an install without dev dependencies) is a notice, not a failure: the
 * launcher then falls back to tsx. `dist-cli/inputs.json` lists the bundled sources so the
 * launcher can tell when the bundle is older than them.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist-cli', 'altscope.mjs');
export const INPUTS = join(ROOT, 'dist-cli', 'inputs.json');
/** Code-split chunks: each command's module graph, imported when the command runs. */
const CHUNKS = join(ROOT, 'dist-cli', 'chunks');

/**
 * CommonJS packages loaded through `require` rather than `import`: Node's ESM loader would run
 * cjs-module-lexer over them at every start to find their exports (iced-x86's 100 KB glue: ~100
 * ms of CPU on this machine).
 */
const REQUIRED_CJS = /^iced-x86$/;

const requireCjs = {
  name: 'require-cjs',
  setup(build) {
    build.onResolve({ filter: REQUIRED_CJS }, (args) =>
      args.namespace === 'require-cjs'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'require-cjs' },
    );
    build.onLoad({ filter: /.*/, namespace: 'require-cjs' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * JSON data (the feature catalogues: ~400 KB for four kernels) as `JSON.parse('…')` rather than
 * object literals: V8 scans a string literal far faster than it compiles a literal of the same
 * size, as Vite already does for the browser (`json.stringify: 'auto'`).
 */
const jsonAsParse = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const data = JSON.parse(await readFile(args.path, 'utf8'));
      return {
        contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`,
        loader: 'js',
      };
    });
  },
};

/** Build the bundle; resolves to false (with a reason on stderr) when esbuild is unavailable. */
export async function buildCli({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    if (!quiet) console.error('altscope: esbuild is not installed; the CLI will run through tsx');
    return false;
  }
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { altscope: 'src/cli/main.ts' },
    bundle: true,
    // The commands' dynamic imports become chunks, so `--help` loads only the entry (issue 13).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
    outdir: dirname(BUNDLE),
    outExtension: { '.js': '.mjs' },
    logLevel: quiet ? 'silent' : 'warning',
    legalComments: 'none',
    plugins: [requireCjs, jsonAsParse],
    banner: {
      // getBuiltinModule, not an import of node:module: see bin/altscope.mjs (start-up cost).
      js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);",
    },
  });
  if (!result.outputFiles.some((f) => f.path === BUNDLE))
    throw new Error(`esbuild produced no ${BUNDLE}`);
  mkdirSync(CHUNKS, { recursive: true });
  // Write-then-rename, chunks before the entry: a CLI started meanwhile sees the old bundle or
  // the new one, never half. Chunk names carry a content hash, so old and new ones coexist.
  const entryLast = [...result.outputFiles].sort(
    (a, b) => (a.path === BUNDLE) - (b.path === BUNDLE),
  );
  for (const out of entryLast) {
    const tmp = `${out.path}.${process.pid}.tmp`;
    writeFileSync(tmp, out.contents);
    renameSync(tmp, out.path);
  }
  const written = new Set(result.outputFiles.map((f) => f.path));
  for (const name of readdirSync(CHUNKS)) {
    const path = join(CHUNKS, name);
    if (!written.has(path) && !name.endsWith('.tmp')) rmSync(path, { force: true });
  }
  // Paths relative to ROOT (absWorkingDir); node_modules are external, so only our sources.
  // Plugin namespaces (`require-cjs:iced-x86`) are not files: listing one made the launcher's
  // freshness check fail, so it rebuilt the bundle at every start.
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !/^[\w-]+:/.test(p));
  const tmpInputs = `${INPUTS}.${process.pid}.tmp`;
  writeFileSync(tmpInputs, JSON.stringify({ inputs }, null, 1));
  renameSync(tmpInputs, INPUTS);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const optional = process.argv.includes('--optional');
  buildCli().then(
    (ok) => {
      if (ok) console.log(`altscope: bundled the CLI into ${relative(process.cwd(), BUNDLE)}`);
      process.exitCode = ok || optional ? 0 : 1;
    },
    (err) => {
      console.error(`altscope: bundling the CLI failed: ${err?.message ?? err}`);
      process.exitCode = optional ? 0 : 1;
    },
  );
}
