/**
 * Core speed on the real captures: JSON parse, then simulate every site (median of 7 runs each,
 * after one warm-up). Also times the multi-pass loop on the 7.2 table and vice versa.
 */
import { parseFeatureList, simulate } from '../src/core';
import type { PatchLoop } from '../src/core';
import { parseJsonScenario } from '../src/core/scenario/json';
import { createDecoder } from '../src/disasm/node';
import { time } from './timing';
import {
  CAPTURES,
  capturesAvailable,
  loadCapture,
  REFERENCE_DIR,
} from '../fixtures/captures/loadCapture';

const RUNS = 7;

const median = (fn: () => void) => time(fn, RUNS);

if (!capturesAvailable()) {
  console.log(`captures absent (${REFERENCE_DIR}/captures): nothing to measure`);
  process.exit(0);
}

const decoder = createDecoder();
const rows: string[][] = [
  ['capture', 'sites', 'loop', 'parse JSON ms', '(cpu)', 'simulate ms', '(cpu)'],
];
for (const { kernel } of CAPTURES) {
  const cap = loadCapture(kernel);
  const features = new Set<number>(parseFeatureList(cap.featuresText, kernel).indices);
  const table = parseJsonScenario(cap.scenarioText).table!;
  const parseMs = median(() => parseJsonScenario(cap.scenarioText));
  for (const loop of ['single-pass', 'multi-pass'] as PatchLoop[]) {
    const simMs = median(() => simulate(table, { kernel, loop, features }, decoder));
    rows.push([
      kernel,
      String(table.sites.length),
      loop,
      parseMs.wall.toFixed(1),
      parseMs.cpu.toFixed(1),
      simMs.wall.toFixed(1),
      simMs.cpu.toFixed(1),
    ]);
  }
}
decoder.dispose();
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
console.log(
  `(median of ${RUNS} runs after a warm-up; cpu = process user+system time, robust on a busy machine; Node ${process.version})`,
);
