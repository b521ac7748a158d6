#!/usr/bin/env node
// The `altscope` command. Runs the bundled CLI (`dist-cli/altscope.mjs`, built by `npm install`
// through `prepare`, or `npm run build:cli`) when it is at least as new as every source it was
// built from; otherwise rebuilds it (esbuild, ~0.2 s) or, without dev tools, falls back to
// running the TypeScript through tsx, which transpiles at every start (~1.5 s of CPU).
// Built-ins through process.getBuiltinModule (Node ≥ 20.16), not `import`: an ESM import of a
// built-in builds a facade over all its exports, which for node:fs touches the lazy ReadStream
// getter and loads the streams (~1.5 ms per start; node:v8 ~2.5 ms) — issue 13's start-up budget.
if (typeof process.getBuiltinModule !== 'function') {
  console.error(`altscope: needs Node.js 20.16 or newer (this is ${process.version})`);
  process.exit(2);
}
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');

const root = new URL('../', import.meta.url);
const bundle = new URL('dist-cli/altscope.mjs', root);

/**
 * True when the bundle exists and no source listed in inputs.json changed after it. Plain path
 * strings: a URL object per source (~100 of them) cost more than the stat calls (issue 13).
 */
function bundleIsFresh() {
  try {
    const dir = fileURLToPath(root);
    const built = statSync(fileURLToPath(bundle)).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(`${dir}dist-cli/inputs.json`, 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    for (const p of inputs) if (statSync(dir + p).mtimeMs > built) return false;
    return true;
  } catch {
    return false;
  }
}

async function loadCli() {
  if (process.env.ALTSCOPE_TSX !== '1') {
    let fresh = bundleIsFresh();
    if (!fresh) {
      try {
        const { buildCli } = await import('../scripts/buildCli.mjs');
        fresh = await buildCli({ quiet: true });
      } catch {
        fresh = false;
      }
    }
    if (fresh) return import(bundle.href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

// A command runs once, cold: V8's optimising compiler (TurboFan) would compile functions on a
// second thread that the run is over before it pays back. Asking for 8× the default profiling
// budget before a function is optimised took `patch <7.2 scenario> --json` from ~540 to ~395 ms
// of CPU and the 7.2 ELF from ~635 to ~520 (issue 13; bench/cli.ts); long runs (check-log on a
// whole boot log, lint of a kernel) still optimise their hot loops.
// A command with arguments has work to do; `--help`, a bad name or a bare command do not pay for
// loading node:v8.
const { setFlagsFromString } =
  process.argv.length > 3 ? process.getBuiltinModule('node:v8') : { setFlagsFromString() {} };
setFlagsFromString('--interrupt-budget=1048576');
// The young generation starts at 1 MB and doubles only after each full scavenge; a run that
// builds a 6,000-site report then copies the same survivors through a dozen small scavenges.
// Growing it 16× at a time reaches V8's usual 16 MB cap after one step (5 fewer scavenges, ~15 ms
// on `patch <7.2 scenario> --json`; peak RSS unchanged — the cap is the same). Unlike the
// semi-space sizes, V8 reads this flag when it grows the space, so setting it here works.
setFlagsFromString('--semi-space-growth-factor=16');

const { runMain, nodeIo } = await loadCli();
process.exitCode = await runMain(process.argv.slice(2), nodeIo);
