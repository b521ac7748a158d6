import type { SymbolIndex } from '../elf/kallsyms';
import type { VirtualMemory } from '../elf/memory';

/**
 * The kernel's own feature names: `x86_cap_flags[]` and `x86_bug_flags[]`
 * (arch/x86/kernel/cpu/capflags.c, generated from cpufeatures.h), i.e. what /proc/cpuinfo
 * prints. Unnamed (internal) bits are absent. Index = feature number (`word*32 + bit`); bugs
 * follow the capabilities at `NCAPINTS*32 + bit`, as X86_BUG() numbers them.
 */
export interface FeatureNames {
  /** NCAPINTS·32: where bug numbers start. */
  ncapintsX32: number;
  names: Map<number, string>;
}

/** Longest name read (the kernel's are < 32 characters). */
const MAX_NAME = 64;
/** Most array entries accepted: NCAPINTS is ~20–25 words today. */
const MAX_ENTRIES = 64 * 32;

/**
 * Read both arrays through their symbols. Each array's length is its symbol's size (the
 * distance to the next symbol), which must be whole words of 32 pointers; every pointer must be
 * NULL or lead to a short printable NUL-terminated string. Undefined when anything disagrees.
 */
export function readFeatureNames(mem: VirtualMemory, names: SymbolIndex): FeatureNames | undefined {
  const caps = readNameArray(mem, names, 'x86_cap_flags');
  const bugs = readNameArray(mem, names, 'x86_bug_flags');
  if (!caps || !bugs) return undefined;
  const out = new Map<number, string>();
  caps.forEach((n, i) => n && out.set(i, n));
  bugs.forEach((n, i) => n && out.set(caps.length + i, n));
  return { ncapintsX32: caps.length, names: out };
}

function readNameArray(
  mem: VirtualMemory,
  names: SymbolIndex,
  symbol: string,
): (string | undefined)[] | undefined {
  const at = names.lookup(symbol);
  const size = at === undefined ? undefined : names.extent(at);
  if (at === undefined || size === undefined || size % 256n !== 0n) return undefined;
  const count = Number(size / 8n);
  if (count === 0 || count > MAX_ENTRIES) return undefined;
  const table = mem.read(at, count * 8);
  if (!table) return undefined;
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const out: (string | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const p = v.getBigUint64(8 * i, true);
    if (p === 0n) {
      out.push(undefined);
      continue;
    }
    const s = readCString(mem, p);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** A printable NUL-terminated string at `addr`, or undefined. */
function readCString(mem: VirtualMemory, addr: bigint): string | undefined {
  const b = mem.readUpTo(addr, MAX_NAME + 1);
  if (!b) return undefined;
  const nul = b.indexOf(0);
  if (nul <= 0) return undefined;
  let s = '';
  for (let i = 0; i < nul; i++) {
    const c = b[i] as number;
    if (c < 0x21 || c > 0x7e) return undefined;
    s += String.fromCharCode(c);
  }
  return s;
}
