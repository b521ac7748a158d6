/**
 * A CPU's features as a user brings them: `/proc/cpuinfo` (its `flags :` line), or a feature
 * list as the captures write it (`10*32+0` per line, names, or both, `#` comments). One entry
 * point, so the app's paste box and file button take either.
 */
import type { FeatureIndex, KernelVersion } from '../model';
import { parseCpuinfo } from './cpuinfo';
import { parseFeatureList } from './parse';

/** What could not be read, at its 1-based line and column. */
export interface FeatureTextProblem {
  line: number;
  column: number;
  message: string;
}

export interface FeatureText {
  form: 'cpuinfo' | 'list';
  indices: FeatureIndex[];
  problems: FeatureTextProblem[];
}

const CPUINFO_LINE = /^\s*(flags|bugs)\s*:/m;

export function parseFeatureText(text: string, kernel: KernelVersion): FeatureText {
  if (CPUINFO_LINE.test(text)) {
    const r = parseCpuinfo(text, kernel);
    return {
      form: 'cpuinfo',
      indices: r.indices,
      problems: r.unknown.map((u) => ({
        line: u.line,
        column: u.column,
        message: `${u.bug ? 'bug' : 'flag'} "${u.name}" unknown to ${kernel}`,
      })),
    };
  }
  const r = parseFeatureList(text, kernel);
  return {
    form: 'list',
    indices: r.indices,
    problems: r.errors.map((e) => ({ ...lineColumn(text, e.offset), message: e.message })),
  };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
