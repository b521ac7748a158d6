import type { InsnDecoder } from '../ports';
import { decodeRun } from './decodeRun';

/**
 * A state an interrupt could observe while a write copies bytes front to back
 * (`text_poke_early` is a plain copy): the first `written` bytes are new, the rest still old.
 */
export interface TornState {
  written: number;
  bytes: Uint8Array;
  /** The state does not decode to the old or the new instruction sequence. */
  decodesDifferently: boolean;
}

/** Every distinct half-done state of one write, each judged by its decoded instructions. */
export function findTornStates(
  decoder: InsnDecoder,
  before: Uint8Array,
  after: Uint8Array,
): TornState[] {
  const len = Math.min(before.length, after.length);
  const first = firstDifference(before, after, len);
  const last = lastDifference(before, after, len);
  if (first < 0) return [];
  const oldInsns = insnKeys(decoder, before.subarray(0, len));
  const newInsns = insnKeys(decoder, after.subarray(0, len));
  const out: TornState[] = [];
  // Only prefixes ending strictly inside the changed span give states unlike both sides.
  for (let written = first + 1; written <= last; written++) {
    if (before[written - 1] === after[written - 1]) continue;
    const bytes = new Uint8Array(len);
    bytes.set(after.subarray(0, written));
    bytes.set(before.subarray(written, len), written);
    const hybrid = [...insnKeys(decoder, bytes)].some((k) => !oldInsns.has(k) && !newInsns.has(k));
    out.push({ written, bytes, decodesDifferently: hybrid });
  }
  return out;
}

function firstDifference(a: Uint8Array, b: Uint8Array, len: number): number {
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function lastDifference(a: Uint8Array, b: Uint8Array, len: number): number {
  for (let i = len - 1; i >= 0; i--) if (a[i] !== b[i]) return i;
  return -1;
}

/**
 * Each decoded instruction as `offset:bytes` (or `offset:bad`). A torn state "decodes to something
 * else" when one of its instructions is in neither the old nor the new sequence: a hybrid of both.
 */
function insnKeys(decoder: InsnDecoder, bytes: Uint8Array): Set<string> {
  const run = decodeRun(decoder, bytes);
  const keys = new Set(
    run.insns.map(
      (i) =>
        `${i.offset}:${Array.from(bytes.subarray(i.offset, i.offset + i.length), (b) => b.toString(16)).join(' ')}`,
    ),
  );
  if (!run.clean) keys.add(`${run.badOffset}:bad`);
  return keys;
}
