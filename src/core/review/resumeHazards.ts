import type { InsnDecoder } from '../ports';
import { boundariesOf, decodeRun } from './decodeRun';

/**
 * Offsets where a CPU that stopped inside the old bytes would resume in the middle of a new
 * instruction after a write: instruction boundaries of `before` (a preempted task, an interrupt,
 * or the return address of a `call` the site made) that are not boundaries of `after`.
 *
 * This is what a reviewer of a write cares about. A write's own byte-by-byte states are not:
 * `text_poke_early()` copies kernel text with interrupts off (module text is not executable yet),
 * so no interrupt sees them. Offset 0 is a boundary of every state, so it is never a hazard.
 */
export function findResumeHazards(
  decoder: InsnDecoder,
  before: Uint8Array,
  after: Uint8Array,
): number[] {
  const len = Math.min(before.length, after.length);
  const newStarts = new Set(boundariesOf(decodeRun(decoder, after.subarray(0, len))));
  return boundariesOf(decodeRun(decoder, before.subarray(0, len))).filter(
    (p) => p > 0 && !newStarts.has(p),
  );
}
