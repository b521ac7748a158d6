/**
 * Readers on the real captures: parse a whole vmlinux (ELF → AltTable), simulate it, parse a
 * whole boot log and check it; then a whole `check-log` process (start-up and `patch` processes
 * are in bench/cli.ts). Medians of several runs after one warm-up, wall and CPU
 * (user+system, incl. GC and JIT threads: steadier than wall on a shared machine); prints,
 * never asserts. The CLI runs the bundle (`npm run build:cli`, rebuilt by the launcher if stale).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBootLog } from '../src/binary/bootlog/check';
import { parseBootLog } from '../src/binary/bootlog/parse';
import {
  CAPTURE_KERNELS,
  CAPTURES,
  capturesPresent,
  readCaptureText,
  readCaptureXz,
} from '../src/binary/captures';
import { readVmlinux } from '../src/binary/elf/vmlinux';
import { parseFeatureList } from '../src/core/features';
import { defaultLoop } from '../src/core/model';
import { simulate } from '../src/core/patch/simulate';
import { createDecoder } from '../src/disasm/node';
import { bootInputOf } from '../src/binary/elf/bootImage';
import { simulateBoot } from '../src/core/passes/boot';
import type { Timing } from './timing';
import { median, time as timeRuns } from './timing';
import { REFERENCE_DIR } from '../fixtures/sharedDir';

const RUNS = 7;
const CLI_RUNS = 7;

const show = (t: Timing): string => `${t.wall.toFixed(0)} (cpu ${t.cpu.toFixed(0)})`;

const time = (fn: () => void, runs = RUNS): Timing => timeRuns(fn, runs);

/** The child reports its own CPU time on exit (fd 2), through a preloaded data: module. */
const REPORT_CPU =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeSync(2,`\\naltscope-bench-cpu-ms ${(u.user+u.system)/1000}\\n`)})';

function timeProcess(args: string[], runs = CLI_RUNS): Timing & { status: number | null } {
  let status: number | null = null;
  const run = (): { wall: number; cpu: number } => {
    const s = performance.now();
    const r = spawnSync(process.execPath, ['--import', REPORT_CPU, 'bin/altscope.mjs', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const wall = performance.now() - s;
    status = r.status;
    const m = /altscope-bench-cpu-ms ([\d.]+)/.exec(r.stderr);
    return { wall, cpu: m ? Number(m[1]) : NaN };
  };
  run();
  const all = Array.from({ length: runs }, run);
  return {
    wall: median(all.map((r) => r.wall)),
    cpu: median(all.map((r) => r.cpu)),
    status,
  };
}

if (!capturesPresent()) {
  console.log(`${REFERENCE_DIR} is absent: binary benchmarks skipped`);
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

    const logPath = join(dir, `${kernel}.log`);
    writeFileSync(logPath, logBytes);
    const cliCheck = timeProcess(['check-log', logPath]);
    rows.push(
      [
        `${kernel}: ELF ${(elf.length / 1e6).toFixed(1)} MB, ${t.sites.length} sites`,
        'readVmlinux',
        show(parseElf),
      ],
      ['', 'simulate (qemu64)', show(sim)],
      [
        `log ${(logBytes.length / 1e6).toFixed(1)} MB, ${parsed.log.lines} lines`,
        'parseBootLog',
        show(parseLog),
      ],
      ['', 'checkBootLog', show(check)],
      ['', 'checkBootLog --elf', show(checkElf)],
      ['CLI process', `check-log <log> (exit ${cliCheck.status})`, show(cliCheck)],
    );
  }
  // Issue 10: the whole boot (every pass) of 7.2 and its memdiff: in process on the ELF with
  // the passes' tables, and the CLI on the bare vmlinuz (kallsyms names its tables).
  const k72 = CAPTURE_KERNELS[1];
  const passesElf = readCaptureXz(k72, 'vmlinux-passes.elf.xz');
  const img = readVmlinux(passesElf);
  if (!img.ok) throw new Error('passes ELF did not read');
  const feats72 = new Set<number>(
    parseFeatureList(readCaptureText(k72, 'qemu64/features.txt'), '7.2').indices,
  );
  const boot = time(
    () => void simulateBoot(bootInputOf(passesElf, img.value, { features: feats72 }), decoder),
    3,
  );
  const feat72Path = join(dir, 'passes.features');
  writeFileSync(feat72Path, readCaptureText(k72, 'qemu64/features.txt'));
  const vmlinuz72 = `${CAPTURES}/${k72}/vmlinuz`;
  const cliMemdiff = timeProcess(['memdiff', vmlinuz72, '--features', `@${feat72Path}`], 3);
  rows.push(
    [
      `${k72} passes ELF ${(passesElf.length / 1e6).toFixed(1)} MB`,
      'simulateBoot (all passes + diff)',
      show(boot),
    ],
    ['CLI process', `memdiff <vmlinuz> (exit ${cliMemdiff.status})`, show(cliMemdiff)],
  );
  decoder.dispose();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `| input | step | median ms, wall (cpu) (${RUNS} runs; CLI ${CLI_RUNS}) |\n|---|---|---|`,
);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
