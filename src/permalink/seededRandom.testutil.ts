// One seeded PRNG for every robustness test, so a failing seed replays the same everywhere.
export { seededRandom as createRandom } from '../binary/mutate';

/** An integer in [0, n). */
export const pickInt = (rand: () => number, n: number): number => Math.floor(rand() * n);
