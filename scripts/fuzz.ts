/**
 * `npm run fuzz [-- --seconds N] [--seed S] [--target NAME]`: the long fuzz run. Cycles through
 * the targets of `src/fuzz/targets.ts` (all, or one) until the time is up, with a fresh seeded
 * stream per round, and saves every failing input to `fuzz-crashes/<target>-<seed>-<n>.bin`
 * (with a `.txt` saying what went wrong). An input that takes longer than `--hang-ms` (default
 * 10 s) counts as a hang. Exit 1 when anything failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../fixtures/hostile/corpus';
import { createDecoder } from '../src/disasm/node';
import { seededRandom } from '../src/fuzz/mutators';
import type { FuzzTarget } from '../src/fuzz/targets';
import { createTargets, runTarget } from '../src/fuzz/targets';
import { createAssembler } from '../src/disasm/asm';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string', default: String(Date.now() % 0x7fffffff) },
    target: { type: 'string' },
    'hang-ms': { type: 'string', default: '10000' },
    out: { type: 'string', default: 'fuzz-crashes' },
  },
});
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const hangMs = Number(values['hang-ms']);
if (!(seconds > 0) || !Number.isInteger(seed) || !(hangMs > 0)) {
  console.error('usage: npm run fuzz -- [--seconds N] [--seed INT] [--target NAME] [--hang-ms MS]');
  process.exit(2);
}

const decoder = createDecoder();
const all = createTargets(loadCorpus(), decoder, createAssembler());
const targets = values.target ? all.filter((t) => t.name === values.target) : all;
if (targets.length === 0) {
  console.error(`unknown target ${values.target}; targets: ${all.map((t) => t.name).join(', ')}`);
  process.exit(2);
}

/** The same target with a hang check around each input. */
function withHangCheck(t: FuzzTarget): FuzzTarget {
  return {
    ...t,
    async check(input) {
      const start = performance.now();
      const problem = await t.check(input);
      const ms = performance.now() - start;
      return problem ?? (ms > hangMs ? `took ${ms.toFixed(0)} ms (hang bound ${hangMs} ms)` : null);
    },
  };
}

mkdirSync(values.out, { recursive: true });
const deadline = Date.now() + seconds * 1000;
const counts = new Map<string, number>();
let failures = 0;
let round = 0;
console.log(`fuzz: seed ${seed}, ${seconds} s, targets ${targets.map((t) => t.name).join(', ')}`);
while (Date.now() < deadline) {
  for (const target of targets.map(withHangCheck)) {
    const streamSeed = (seed + round * 7919) >>> 0;
    const rnd = seededRandom(streamSeed);
    // Run until the time is up or a failure; then keep going from the next input.
    for (let left = 500; left > 0 && Date.now() < deadline;) {
      const { ran, failure } = await runTarget(target, rnd, left, () => Date.now() >= deadline);
      counts.set(target.name, (counts.get(target.name) ?? 0) + ran);
      left -= ran;
      if (!failure) break;
      failures++;
      const base = `${values.out}/${failure.target}-${streamSeed}-${failure.iteration}`;
      writeFileSync(`${base}.bin`, failure.input);
      writeFileSync(
        `${base}.txt`,
        `target ${failure.target}, seed input ${failure.label}, stream seed ${streamSeed}, ` +
          `iteration ${failure.iteration}\n${failure.problem}\n`,
      );
      console.log(`FAIL ${base}.bin: ${failure.problem.split('\n')[0]}`);
    }
  }
  round++;
}
decoder.dispose();
for (const [name, n] of counts) console.log(`${name}: ${n} inputs`);
console.log(failures ? `${failures} failing inputs saved in ${values.out}/` : 'no failures');
process.exit(failures ? 1 : 0);
