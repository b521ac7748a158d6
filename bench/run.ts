/**
 * `npm run bench`: runs every benchmark in turn (explicit list) and prints their tables.
 * Benchmarks print medians; they never assert, so a noisy machine cannot fail CI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BENCHES = ['bench/core.ts', 'bench/binary.ts', 'bench/cli.ts', 'bench/browser.ts'];

let failed = 0;
for (const file of BENCHES) {
  if (!existsSync(file)) {
    console.log(`\n## ${file}: not present, skipped`);
    continue;
  }
  console.log(`\n## ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
