import { alignUp, type RegionView } from './region';

/**
 * How `kallsyms_offsets[i]` becomes an address (kernel/kallsyms.c, kallsyms_sym_address):
 * - `pc-relative` (7.x): the entry's own address plus the signed value (`offset_to_ptr`);
 * - `base-relative` (6.x): `kallsyms_relative_base` plus the value as unsigned;
 * - `absolute-percpu` (6.x x86-64 SMP): values ≥ 0 are absolute (per-CPU symbols, linked at
 *   0), negative ones are `relative_base - 1 - value`.
 */
export type OffsetsMode = 'pc-relative' | 'base-relative' | 'absolute-percpu';

/** Decoded symbol addresses as u64 halves (addr = hi · 2³² + lo). */
export interface SymbolAddresses {
  mode: OffsetsMode;
  offsetsAt: number;
  relativeBase?: bigint;
  hi: Uint32Array;
  lo: Uint32Array;
}

const TWO32 = 0x100000000;

/**
 * Try the places and modes the 6.1–7.3 layouts put the offsets in, and keep the first whose
 * addresses never decrease (scripts/kallsyms sorts the table by address; a wrong place or mode
 * gives a jumble). `indexEnd` is the end of kallsyms_token_index, `numAt` kallsyms_num_syms.
 */
export function findAddresses(
  v: RegionView,
  count: number,
  indexEnd: number,
  numAt: number,
): SymbolAddresses | undefined {
  const tries: [number, OffsetsMode[], bigint | undefined][] = [];
  for (const a of [4, 8]) {
    const at = alignUp(indexEnd, a);
    // 6.12: kallsyms_relative_base follows the offsets; 7.x has none.
    const base = v.u64(alignUp(at + 4 * count, 8));
    // A base after the offsets decides: base-relative values also grow under pc-relative.
    if (looksLikeKernelAddress(base)) tries.push([at, ['absolute-percpu', 'base-relative'], base]);
    else tries.push([at, ['pc-relative'], undefined]);
  }
  // 6.1: offsets, then relative_base, then num_syms (all 8-aligned).
  const base61 = v.u64(numAt - 8);
  if (looksLikeKernelAddress(base61)) {
    for (const at of [numAt - 8 - 4 * count, numAt - 12 - 4 * count])
      if (at >= 0 && at % 8 === 0) tries.push([at, ['absolute-percpu', 'base-relative'], base61]);
  }
  for (const [at, modes, base] of tries) {
    if (at < 0 || at + 4 * count > v.size) continue;
    for (const mode of modes) {
      const r = decode(v, count, at, mode, base ?? 0n);
      if (r) return r;
    }
  }
  return undefined;
}

/** Kernel text and data live in the top 2 GB (`__START_KERNEL_map`). */
const looksLikeKernelAddress = (x: bigint | undefined): x is bigint =>
  x !== undefined && x >= 0xffffffff80000000n;

/** Decode every offset; undefined as soon as an address goes down. */
function decode(
  v: RegionView,
  count: number,
  at: number,
  mode: OffsetsMode,
  base: bigint,
): SymbolAddresses | undefined {
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  const [bh, bl] = split(mode === 'pc-relative' ? v.region.addr + BigInt(at) : base);
  let ph = 0;
  let pl = 0;
  let negatives = 0;
  for (let i = 0; i < count; i++) {
    const x = v.view.getInt32(at + 4 * i, true);
    // Plain assignments, not `[h, t] = […]`: an array per symbol otherwise (~200k).
    let h = bh;
    let t: number; // low half before carry, may be negative or ≥ 2³²
    if (mode === 'pc-relative') t = bl + 4 * i + x;
    else if (mode === 'base-relative') t = bl + (x >>> 0);
    else if (x >= 0) {
      h = 0;
      t = x;
    } else {
      t = bl - 1 - x;
      negatives++;
    }
    const carry = Math.floor(t / TWO32);
    h = (h + carry) >>> 0;
    const l = t - carry * TWO32;
    if (i > 0 && (h < ph || (h === ph && l < pl))) return undefined;
    hi[i] = ph = h;
    lo[i] = pl = l;
  }
  // Under absolute-percpu the kernel's own text is stored negative: none means another mode.
  if (mode === 'absolute-percpu' && negatives === 0) return undefined;
  return { mode, offsetsAt: at, relativeBase: mode === 'pc-relative' ? undefined : base, hi, lo };
}

function split(x: bigint): [number, number] {
  const u = BigInt.asUintN(64, x);
  return [Number(u >> 32n), Number(u & 0xffffffffn)];
}
