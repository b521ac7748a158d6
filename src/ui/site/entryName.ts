import type { AltEntry, KernelVersion } from '../../core/model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../../core/model';
import { featureLabel } from '../../core/features';
import type { EntryVerdict } from '../../core/patch/report';
import { describeOutcome, tookEffect } from '../../core/patch/outcome';

/** `#1 NOT XENPV DIRECT_CALL`: an entry as its column heading names it. */
export function entryName(alt: AltEntry | undefined, index: number, kernel: KernelVersion): string {
  if (!alt) return `#${index}`;
  const not = alt.flags & ALT_FLAG_NOT ? 'NOT ' : '';
  const dc = alt.flags & ALT_FLAG_DIRECT_CALL ? ' DIRECT_CALL' : '';
  return `#${index} ${not}${featureLabel(alt.cpuid, kernel)}${dc}`;
}

/** `✔ the winner`, `✘ not eligible`, `✔ written last`: what an entry did, as its heading says. */
export function verdictLabel(v: EntryVerdict | undefined): string {
  if (!v) return '';
  return `${tookEffect(v.outcome) ? '✔' : '✘'} ${describeOutcome(v.outcome)}`;
}
