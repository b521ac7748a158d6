/**
 * Regenerates fixtures/examples/<id>/<kernel>-<engine>-<cpu>.json from the built-in examples.
 * Read every changed golden before committing it: a golden that only records current
 * behaviour proves nothing (check it against kernel-semantics.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXAMPLES } from '../src/examples';
import { listGoldenCases, runGoldenCase } from '../src/examples/goldens';

const root = join(import.meta.dirname, '..', 'fixtures', 'examples');
for (const example of EXAMPLES) {
  for (const c of listGoldenCases(example)) {
    const r = await runGoldenCase(example, c);
    if (r.stderr) process.stderr.write(`${c.path}: ${r.stderr}`);
    const file = join(root, c.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, r.stdout);
    console.log(`${c.path} (exit ${r.status})`);
  }
}
