/**
 * Seeded mutations for fuzzing every reader: byte-level (flips, cuts, splices, boundary
 * values in 1/2/4/8-byte fields) and text-level (token swaps with hostile tokens). The same
 * seed gives the same mutants, so a failure found once is found again.
 */
import { seededRandom } from '../binary/mutate';

export type Rng = () => number;
export { seededRandom };

const pick = <T>(rnd: Rng, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const int = (rnd: Rng, n: number) => Math.floor(rnd() * n);

/** Little-endian values that break size and offset arithmetic. */
const BOUNDARY: readonly bigint[] = [
  0n,
  1n,
  0x7fn,
  0x80n,
  0xffn,
  0x7fffn,
  0xffffn,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  0x7fffffffffffffffn,
  0xffffffffffffffffn,
];

/** Tokens that stress the text parsers (numbers, lengths, markup, unicode, control chars). */
export const HOSTILE_TOKENS: readonly string[] = [
  '0x',
  '0xffffffffffffffffff',
  '-1',
  '99999999999999999999',
  '1e309',
  'NaN',
  '<img src=x onerror=alert(1)>',
  '</script>',
  '\u0000',
  '\u202e',
  '💥',
  '{',
  '}',
  '[',
  '"',
  '\\u0000',
  'ALWAYS',
  'NOT',
  'DIRECT_CALL',
  '31*32+31',
  '255*32+31',
  'x'.repeat(5000),
  '0f '.repeat(300),
  '\n'.repeat(50),
  '#',
];

function setLE(out: Uint8Array, at: number, bytes: number, v: bigint) {
  for (let i = 0; i < bytes && at + i < out.length; i++)
    out[at + i] = Number((v >> BigInt(8 * i)) & 0xffn);
}

/** One byte-level mutant of `input` (`donor` supplies splices). */
export function mutateBytes(input: Uint8Array, rnd: Rng, donor?: Uint8Array): Uint8Array {
  const n = input.length;
  switch (int(rnd, 6)) {
    case 0: {
      const out = input.slice();
      const flips = 1 + int(rnd, 8);
      for (let k = 0; k < flips && n > 0; k++) out[int(rnd, n)] = int(rnd, 256);
      return out;
    }
    case 1:
      return input.slice(0, int(rnd, n + 1));
    case 2: {
      const out = input.slice();
      const width = pick(rnd, [1, 2, 4, 8]);
      // Aligned fields are where headers keep sizes and offsets.
      const at = n > 0 ? int(rnd, n) & ~(width - 1) : 0;
      setLE(out, at, width, pick(rnd, BOUNDARY));
      return out;
    }
    case 3: {
      // Delete a chunk: later offsets now point elsewhere.
      const a = int(rnd, n + 1);
      const b = Math.min(n, a + 1 + int(rnd, 256));
      const out = new Uint8Array(n - (b - a));
      out.set(input.subarray(0, a));
      out.set(input.subarray(b), a);
      return out;
    }
    case 4: {
      // Duplicate a chunk in place.
      const a = int(rnd, n + 1);
      const len = Math.min(n - a, 1 + int(rnd, 256));
      const out = new Uint8Array(n + len);
      out.set(input.subarray(0, a + len));
      out.set(input.subarray(a), a + len);
      return out;
    }
    default: {
      // Splice in a piece of another input (or noise).
      const src = donor && donor.length > 0 ? donor : input;
      const from = int(rnd, src.length + 1);
      const piece = src.subarray(from, Math.min(src.length, from + 1 + int(rnd, 512)));
      const at = int(rnd, n + 1);
      const out = input.slice();
      out.set(piece.subarray(0, Math.max(0, n - at)), at);
      return out;
    }
  }
}

/** One text-level mutant: swap, drop or duplicate tokens, or insert a hostile one. */
export function mutateText(input: string, rnd: Rng): string {
  const parts = input.split(/(\s+)/);
  const edits = 1 + int(rnd, 4);
  for (let k = 0; k < edits; k++) {
    const i = int(rnd, parts.length);
    switch (int(rnd, 4)) {
      case 0:
        parts[i] = pick(rnd, HOSTILE_TOKENS);
        break;
      case 1:
        parts.splice(i, 1);
        break;
      case 2:
        parts.splice(i, 0, parts[int(rnd, parts.length)] ?? '');
        break;
      default:
        parts[i] = (parts[i] ?? '').slice(0, int(rnd, (parts[i] ?? '').length + 1));
    }
  }
  return parts.join('');
}
