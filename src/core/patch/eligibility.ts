import type { AltEntry, KernelVersion } from '../model';
import { ALT_FLAG_NOT } from '../model';
import { featureLabel } from '../features/parse';

/** `has(cpuid) XOR (flags & ALT_FLAG_NOT)`. */
export function isEligible(entry: AltEntry, has: (i: number) => boolean): boolean {
  return has(entry.cpuid) !== ((entry.flags & ALT_FLAG_NOT) !== 0);
}

/** The feature condition in plain words: "XSAVEC on", "NOT: XENPV is on". */
export function describeCondition(
  entry: AltEntry,
  has: (i: number) => boolean,
  kernel: KernelVersion,
): string {
  const name = featureLabel(entry.cpuid, kernel);
  const on = has(entry.cpuid);
  return (entry.flags & ALT_FLAG_NOT) !== 0
    ? `NOT: ${name} is ${on ? 'on' : 'off'}`
    : `${name} ${on ? 'on' : 'off'}`;
}
