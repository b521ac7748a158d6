import type { AltEntry, KernelVersion } from '../../core/model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../../core/model';
import { featureLabel } from '../../core/features';

/** `#1 NOT XENPV DIRECT_CALL`: an entry as its column heading names it. */
export function entryName(alt: AltEntry | undefined, index: number, kernel: KernelVersion): string {
  if (!alt) return `#${index}`;
  const not = alt.flags & ALT_FLAG_NOT ? 'NOT ' : '';
  const dc = alt.flags & ALT_FLAG_DIRECT_CALL ? ' DIRECT_CALL' : '';
  return `#${index} ${not}${featureLabel(alt.cpuid, kernel)}${dc}`;
}
