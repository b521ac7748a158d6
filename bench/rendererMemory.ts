/**
 * Peak resident memory (VmHWM) of the Chromium renderers this process launched: the page and
 * its workers live in one renderer, so its high-water mark covers every copy a load made, in
 * the page and in the workers, at once. Linux only (/proc); empty elsewhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
  hwmKb: number;
}

function readProcs(): Proc[] {
  if (!existsSync('/proc/self/status')) return [];
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
      const hwmKb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const cmdline = readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ');
      out.push({ pid: Number(d), ppid, cmdline, hwmKb });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** The largest VmHWM (MB) among renderers descending from this process's browsers. */
export function rendererPeakMb(): number {
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
  const renderers = procs.filter((p) => mine.has(p.pid) && p.cmdline.includes('--type=renderer'));
  return Math.max(0, ...renderers.map((p) => p.hwmKb)) / 1024;
}
