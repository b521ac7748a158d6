/** Shared benchmark timing: medians of wall and CPU time, after one warm-up run. */

/** Median wall time and median CPU time (user+system, all threads incl. GC), in ms. */
export interface Timing {
  wall: number;
  cpu: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs `fn` once to warm up, then `runs` times; CPU time is steadier than wall on a busy machine. */
export function time(fn: () => void, runs: number): Timing {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    fn();
    wall.push(performance.now() - s);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
