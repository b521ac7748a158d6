import type { FeatureIndex, KernelVersion } from '../model';
import { getCatalogue } from './catalogue';

export interface CpuinfoParse {
  indices: FeatureIndex[];
  /** Names on the `flags`/`bugs` lines this kernel does not know, with their line (1-based). */
  unknown: { name: string; line: number; column: number; bug: boolean }[];
  /** False when no `flags` line was found at all. */
  foundFlags: boolean;
}

/**
 * The `flags:` and `bugs:` lines of `/proc/cpuinfo` (first CPU block wins, later CPUs repeat it).
 * Flags and bugs are looked up separately: `monitor` is MWAIT on the flags line and
 * X86_BUG_MONITOR on the bugs line.
 */
export function parseCpuinfo(text: string, kernel: KernelVersion): CpuinfoParse {
  const cat = getCatalogue(kernel);
  const indices: FeatureIndex[] = [];
  const unknown: CpuinfoParse['unknown'] = [];
  const seen = new Set<number>();
  let doneFlags = false;
  let doneBugs = false;
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln] ?? '';
    const m = /^\s*(flags|bugs)\s*:/.exec(line);
    if (!m) continue;
    const bug = m[1] === 'bugs';
    if (bug ? doneBugs : doneFlags) continue;
    if (bug) doneBugs = true;
    else doneFlags = true;
    const table = bug ? cat.byCpuinfoBug : cat.byCpuinfoFlag;
    const re = /\S+/g;
    re.lastIndex = m[0].length;
    for (let w = re.exec(line); w; w = re.exec(line)) {
      const f = table.get(w[0]);
      if (!f) unknown.push({ name: w[0], line: ln + 1, column: w.index + 1, bug });
      else if (!seen.has(f.index)) {
        seen.add(f.index);
        indices.push(f.index);
      }
    }
  }
  return { indices, unknown, foundFlags: doneFlags };
}
