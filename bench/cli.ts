/**
 * Whole `altscope` processes against issue 13's targets: start-up (`--help`, bad usage) beside a
 * bare `node -e 0`, `patch --json` on the 7.2 capture as a JSON scenario, an ELF and a vmlinuz,
 * with peak RSS. The commands run interleaved (one of each per round), so load from other work
 * on the machine hits them alike; wall and CPU (user+sys, from bash's `time`) are medians, RSS
 * the maximum (`/usr/bin/time`). Prints the load average with the table; never asserts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPTURES, capturesPresent, readCaptureXz } from '../src/binary/captures';
import { median } from './timing';

const ROUNDS = Number(process.env['BENCH_RUNS'] ?? 7);
const CLI = 'bin/altscope.mjs';
const GNU_TIME = '/usr/bin/time';
const KERNEL = 'debian-sid-7.2.13';

interface Run {
  wall: number;
  cpu: number;
  rssMiB: number;
  status: number | null;
}

/** One process: wall and CPU (ms) from bash's `time`, peak RSS from GNU time when present. */
function runOnce(argv: string[], timeoutMs: number): Run {
  const rss = existsSync(GNU_TIME) ? [GNU_TIME, '-f', 'altscope-bench-rss %M'] : [];
  const script = `TIMEFORMAT='altscope-bench-time %3R %3U %3S'; time "$@" >/dev/null`;
  const r = spawnSync('bash', ['-c', script, 'bench', ...rss, ...argv], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: timeoutMs,
  });
  const t = /altscope-bench-time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  const m = /altscope-bench-rss (\d+)/.exec(r.stderr ?? '');
  return {
    wall: t ? Number(t[1]) * 1000 : NaN,
    cpu: t ? (Number(t[2]) + Number(t[3])) * 1000 : NaN,
    rssMiB: m ? Number(m[1]) / 1024 : NaN,
    status: r.status,
  };
}

interface Case {
  name: string;
  argv: string[];
  /** Wall-time target: ms, or a multiple of `node -e 0` (a string ending in ×). */
  target?: number | string;
  rssTarget?: number;
  /** Slow cases run once, not every round. */
  once?: boolean;
}

if (!capturesPresent()) {
  console.log('captures absent: CLI benchmarks skipped');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'altscope-bench-cli-'));
try {
  const scenario = join(dir, '7.2.scenario.json');
  const elf = join(dir, '7.2.elf');
  writeFileSync(scenario, readCaptureXz(KERNEL, 'qemu64/scenario.json.xz'));
  writeFileSync(elf, readCaptureXz(KERNEL, 'vmlinux-alt.elf.xz'));
  const vmlinuz = `${CAPTURES}/${KERNEL}/vmlinuz`;
  const node = process.execPath;
  const cases: Case[] = [
    { name: 'node -e 0 (bare Node, the yardstick)', argv: [node, '-e', '0'] },
    { name: 'altscope --help', argv: [node, CLI, '--help'], target: '1.3×' },
    { name: 'altscope frob (unknown command)', argv: [node, CLI, 'frob'], target: '1.3×' },
    { name: 'altscope patch (no input)', argv: [node, CLI, 'patch'], target: '1.3×' },
    {
      name: 'patch <7.2 scenario.json> --json',
      argv: [node, CLI, 'patch', scenario, '--json'],
      target: 360,
    },
    {
      name: 'patch <7.2 vmlinux ELF> --json',
      argv: [node, CLI, 'patch', elf, '--json'],
      target: 500,
    },
  ];
  if (existsSync(vmlinuz))
    cases.push({
      name: 'patch <7.2 vmlinuz> --json (1 run)',
      argv: [node, CLI, 'patch', vmlinuz, '--json'],
      rssTarget: 300,
      once: true,
    });
  // The same kernel's ELF with every pass's table: the boot passes' share of the vmlinuz's memory.
  const passes = join(dir, '7.2-passes.elf');
  writeFileSync(passes, readCaptureXz(KERNEL, 'vmlinux-passes.elf.xz'));
  cases.push({
    name: 'patch <7.2 vmlinux with pass tables> --json (1 run)',
    argv: [node, CLI, 'patch', passes, '--json'],
    once: true,
  });

  const load0 = loadavg();
  const runs = cases.map(() => [] as Run[]);
  // A warm-up round (page cache, bundle freshness), then interleaved rounds.
  for (let round = 0; round <= ROUNDS; round++) {
    cases.forEach((c, i) => {
      if (c.once && round !== ROUNDS) return;
      // coreutils `timeout` stops the slow vmlinuz case (and its node) cleanly.
      const r = runOnce(c.once ? ['timeout', '90', ...c.argv] : c.argv, 120_000);
      if (round > 0 || c.once) runs[i]!.push(r);
    });
  }
  const load1 = loadavg();

  const base = median(runs[0]!.map((r) => r.wall));
  const baseCpu = median(runs[0]!.map((r) => r.cpu));
  console.log(
    `| process | wall ms (× node -e 0) | cpu ms (×) | peak RSS MiB | target | exit |\n|---|---:|---:|---:|---|---|`,
  );
  cases.forEach((c, i) => {
    const rs = runs[i]!;
    const wall = median(rs.map((r) => r.wall));
    const cpu = median(rs.map((r) => r.cpu));
    const rss = Math.max(...rs.map((r) => r.rssMiB));
    const targets = [
      typeof c.target === 'number' ? `≤ ${c.target} ms` : c.target ? `≤ ${c.target}` : '',
      c.rssTarget ? `≤ ${c.rssTarget} MiB` : '',
    ].filter(Boolean);
    console.log(
      `| ${c.name} | ${wall.toFixed(0)} (${(wall / base).toFixed(2)}×) | ${cpu.toFixed(0)} (${(cpu / baseCpu).toFixed(2)}×) | ${rss.toFixed(0)} | ${targets.join(', ')} | ${rs[0]?.status ?? 'timeout'} |`,
    );
  });
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `(${ROUNDS} interleaved rounds after a warm-up; load average ${la(load0)} before, ${la(load1)} after, on ${cpus().length} cores)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
