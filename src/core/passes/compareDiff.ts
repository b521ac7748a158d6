import type { DiffRun } from './memdiff';

/** How a simulated memdiff compares with a real one, byte by byte. */
export interface DiffComparison {
  /** Bytes the real boot changed. */
  realChanged: number;
  /** Of those, bytes the simulation wrote with the same value. */
  exact: number;
  /** Real changes the simulation missed or wrote differently (start addresses of runs). */
  wrong: DiffRun[];
  /** Bytes the simulation changed that the real boot left alone. */
  extra: DiffRun[];
}

/** Compare two memdiffs (runs in address order). */
export function compareDiffs(sim: readonly DiffRun[], real: readonly DiffRun[]): DiffComparison {
  const simMap = byteMap(sim);
  const realMap = byteMap(real);
  let realChanged = 0;
  let exact = 0;
  const wrong: DiffRun[] = [];
  const extra: DiffRun[] = [];
  for (const run of real) {
    const base = key(run.addr);
    for (let i = 0; i < run.bytes.length; i++) {
      realChanged++;
      if (simMap.get(base + i) === run.bytes[i]) exact++;
      else pushByte(wrong, run.addr + BigInt(i), run.bytes[i] as number);
    }
  }
  for (const run of sim) {
    const base = key(run.addr);
    for (let i = 0; i < run.bytes.length; i++) {
      if (!realMap.has(base + i)) pushByte(extra, run.addr + BigInt(i), run.bytes[i] as number);
    }
  }
  return { realChanged, exact, wrong, extra };
}

/** Kernel addresses differ in their low 48 bits: a number key is exact and much faster. */
const key = (a: bigint): number => Number(BigInt.asUintN(48, a));

function byteMap(runs: readonly DiffRun[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of runs) {
    const base = key(r.addr);
    for (let i = 0; i < r.bytes.length; i++) m.set(base + i, r.bytes[i] as number);
  }
  return m;
}

/** Append one byte, extending the last run when it is adjacent. */
function pushByte(runs: DiffRun[], addr: bigint, b: number): void {
  const last = runs[runs.length - 1];
  if (last && last.addr + BigInt(last.bytes.length) === addr) {
    const grown = new Uint8Array(last.bytes.length + 1);
    grown.set(last.bytes);
    grown[last.bytes.length] = b;
    last.bytes = grown;
  } else runs.push({ addr: addr as DiffRun['addr'], bytes: Uint8Array.of(b) });
}
