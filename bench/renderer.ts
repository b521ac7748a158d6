/**
 * The Chromium renderers this process launched, from /proc (Linux only; zeros elsewhere): the
 * page and its workers live in one renderer, so its peak resident memory (VmHWM) covers every
 * copy a load made, page and workers at once, and its CPU time counts the work whatever the
 * machine's load (wall times on a shared machine mostly measure the other processes).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
  hwmKb: number;
  rssKb: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

/** Clock ticks per second (USER_HZ: 100 on every Linux this runs on). */
const TICKS_PER_S = 100;

function readProcs(): Proc[] {
  if (!existsSync('/proc/self/status')) return [];
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
      const hwmKb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const cmdline = readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ');
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpuTicks = Number(f[11] ?? 0) + Number(f[12] ?? 0);
      out.push({ pid: Number(d), ppid, cmdline, hwmKb, rssKb, cpuTicks });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** The renderers descending from this process's browsers. */
function myRenderers(): Proc[] {
  const procs = readProcs();
  const mine = new Set<number>([process.pid]);
  // Descendants, by repeated passes (the tree is shallow: node → chromium → zygote → renderer).
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => mine.has(p.pid) && p.cmdline.includes('--type=renderer'));
}

/** The largest VmHWM (MB) among this process's renderers. */
export function rendererPeakMb(): number {
  return Math.max(0, ...myRenderers().map((p) => p.hwmKb)) / 1024;
}

/** The largest current resident size (MB) among this process's renderers. */
export function rendererRssMb(): number {
  return Math.max(0, ...myRenderers().map((p) => p.rssKb)) / 1024;
}

/** CPU time (ms) the renderers have used so far, summed (subtract two readings). */
export function rendererCpuMs(): number {
  return (myRenderers().reduce((n, p) => n + p.cpuTicks, 0) * 1000) / TICKS_PER_S;
}
