/**
 * Seeded input mutations for robustness tests of the readers: every reader must answer each
 * mutant with a result or a diagnostic, never a throw.
 */

/** mulberry32: small, seeded, reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prefixes of the input cut every `step` bytes. */
export function* truncations(input: Uint8Array, step: number): Generator<Uint8Array> {
  for (let n = 0; n < input.length; n += step) yield input.subarray(0, n);
}

/** `count` copies with 1–8 random bytes replaced by random values. */
export function* byteFlips(input: Uint8Array, count: number, seed: number): Generator<Uint8Array> {
  const rnd = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const copy = input.slice();
    const flips = 1 + Math.floor(rnd() * 8);
    for (let k = 0; k < flips; k++) copy[Math.floor(rnd() * copy.length)] = Math.floor(rnd() * 256);
    yield copy;
  }
}

/** Copies with a little-endian field at `offset` set to each of the absurd values given. */
export function* fieldValues(
  input: Uint8Array,
  offset: number,
  width: 1 | 2 | 4 | 8,
  values: readonly bigint[],
): Generator<Uint8Array> {
  for (const value of values) {
    if (offset + width > input.length) return;
    const copy = input.slice();
    const v = new DataView(copy.buffer);
    if (width === 1) v.setUint8(offset, Number(BigInt.asUintN(8, value)));
    else if (width === 2) v.setUint16(offset, Number(BigInt.asUintN(16, value)), true);
    else if (width === 4) v.setUint32(offset, Number(BigInt.asUintN(32, value)), true);
    else v.setBigUint64(offset, BigInt.asUintN(64, value), true);
    yield copy;
  }
}

export const ABSURD: readonly bigint[] = [
  0n,
  1n,
  0xffn,
  0xffffn,
  0x7fffffffn,
  0xffffffffn,
  1n << 40n,
  (1n << 64n) - 1n,
];
