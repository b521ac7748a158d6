/**
 * Readers on the real captures: parse a whole vmlinux (ELF → AltTable), simulate it, parse a
 * whole boot log and check it; then whole-process CLI timings (`patch … --json`, `check-log`).
 * Medians of several runs after one warm-up; prints, never asserts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBootLog } from '../src/binary/bootlog/check';
import { parseBootLog } from '../src/binary/bootlog/parse';
import {
  CAPTURE_KERNELS,
  capturesPresent,
  readCaptureText,
  readCaptureXz,
} from '../src/binary/captures';
import { readVmlinux } from '../src/binary/elf/vmlinux';
import { parseFeatureList } from '../src/core/features';
import { defaultLoop } from '../src/core/model';
import { simulate } from '../src/core/patch/simulate';
import { createDecoder } from '../src/disasm/decoder';

const RUNS = 5;
const CLI_RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => void, runs = RUNS): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

function timeProcess(args: string[]): { ms: number; status: number | null } {
  let status: number | null = null;
  const ms = time(() => {
    status = spawnSync(process.execPath, ['bin/altscope.mjs', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }).status;
  }, CLI_RUNS);
  return { ms, status };
}

if (!capturesPresent()) {
  console.log('/work/shared/reference is absent: binary benchmarks skipped');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'altscope-bench-'));
const rows: string[][] = [];
try {
  const decoder = createDecoder();
  for (const kernel of CAPTURE_KERNELS) {
    const elf = readCaptureXz(kernel, 'vmlinux-alt.elf.xz');
    const logBytes = readCaptureXz(kernel, 'qemu64/serial.log.xz');
    const logText = new TextDecoder().decode(logBytes);
    const featuresText = readCaptureText(kernel, 'qemu64/features.txt');
    const first = readVmlinux(elf);
    if (!first.ok) throw new Error(`${kernel}: ELF did not read`);
    const t = first.value.table;
    const features = new Set<number>(parseFeatureList(featuresText, t.kernel).indices);
    const parsed = parseBootLog(logText);

    const parseElf = time(() => void readVmlinux(elf));
    const sim = time(
      () => void simulate(t, { kernel: t.kernel, loop: defaultLoop(t.kernel), features }, decoder),
    );
    const parseLog = time(() => void parseBootLog(logText));
    const check = time(() => void checkBootLog(parsed.log, { decoder }));
    const checkElf = time(() => void checkBootLog(parsed.log, { decoder, image: first.value }));

    const elfPath = join(dir, `${kernel}.elf`);
    const logPath = join(dir, `${kernel}.log`);
    const featPath = join(dir, `${kernel}.features`);
    writeFileSync(elfPath, elf);
    writeFileSync(logPath, logBytes);
    writeFileSync(featPath, featuresText);
    const cliPatch = timeProcess(['patch', elfPath, '--features', `@${featPath}`, '--json']);
    const cliCheck = timeProcess(['check-log', logPath]);
    rows.push(
      [
        `${kernel}: ELF ${(elf.length / 1e6).toFixed(1)} MB, ${t.sites.length} sites`,
        'readVmlinux',
        parseElf.toFixed(0),
      ],
      ['', 'simulate (qemu64)', sim.toFixed(0)],
      [
        `log ${(logBytes.length / 1e6).toFixed(1)} MB, ${parsed.log.lines} lines`,
        'parseBootLog',
        parseLog.toFixed(0),
      ],
      ['', 'checkBootLog', check.toFixed(0)],
      ['', 'checkBootLog --elf', checkElf.toFixed(0)],
      ['CLI process', `patch <elf> --json (exit ${cliPatch.status})`, cliPatch.ms.toFixed(0)],
      ['', `check-log <log> (exit ${cliCheck.status})`, cliCheck.ms.toFixed(0)],
    );
  }
  decoder.dispose();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`| input | step | median ms (${RUNS} runs; CLI ${CLI_RUNS}) |\n|---|---|---|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
