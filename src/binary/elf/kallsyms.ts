import type { ElfSection } from './header';
import { SHN_ABS, SHN_UNDEF, STB_WEAK, STT_FILE, STT_SECTION, type ElfSymbol } from './symbols';

/** A named address in the order `%pS` resolves names. */
export interface NamedAddr {
  name: string;
  addr: bigint;
  weak?: boolean;
  /** Section index of the ELF symbol (relocatable objects place symbols by section). */
  shndx?: number;
}

/**
 * Names addresses the way the kernel's `%pS` does: `symbol+0xoff/0xsize`, where the symbol is
 * the last one at or below the address (the first of its aliases in kallsyms order) and the
 * size is the distance to the next higher symbol address.
 */
export class SymbolIndex {
  private readonly addrs: bigint[];
  private readonly names: string[];
  private readonly byName = new Map<string, bigint>();

  constructor(symbols: readonly NamedAddr[]) {
    for (const s of symbols) if (!this.byName.has(s.name)) this.byName.set(s.name, s.addr);
    // scripts/kallsyms sorts by address, then non-weak first, then names that do not look
    // like linker-script symbols, then fewer leading underscores, then its input order —
    // which is `nm -n` order, i.e. by name among equal addresses. The first alias is printed.
    // Sorting on u32 halves keeps BigInt out of the comparator (150k symbols in a vmlinux).
    const n = symbols.length;
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    const rank = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const s = symbols[i] as NamedAddr;
      hi[i] = Number(BigInt.asUintN(64, s.addr) >> 32n);
      lo[i] = Number(BigInt.asUintN(32, s.addr));
      rank[i] = aliasRank(s);
    }
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) =>
        (hi[a] as number) - (hi[b] as number) ||
        (lo[a] as number) - (lo[b] as number) ||
        (rank[a] as number) - (rank[b] as number) ||
        compareNames((symbols[a] as NamedAddr).name, (symbols[b] as NamedAddr).name),
    );
    this.addrs = [];
    this.names = [];
    let last: bigint | undefined;
    for (const i of order) {
      const s = symbols[i] as NamedAddr;
      if (last === s.addr) continue;
      last = s.addr;
      this.addrs.push(s.addr);
      this.names.push(s.name);
    }
  }

  get size(): number {
    return this.addrs.length;
  }

  /** Index of the last symbol address <= addr, or -1. */
  private find(addr: bigint): number {
    let lo = 0;
    let hi = this.addrs.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.addrs[mid] as bigint) <= addr) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** `%pS` text, or undefined when no symbol covers the address. */
  format(addr: bigint): string | undefined {
    const i = this.find(addr);
    if (i < 0) return undefined;
    const base = this.addrs[i] as bigint;
    const next = this.addrs[i + 1];
    if (next === undefined) return undefined;
    return `${this.names[i]}+0x${(addr - base).toString(16)}/0x${(next - base).toString(16)}`;
  }

  /** Address of a symbol by exact name (first match). */
  lookup(name: string): bigint | undefined {
    return this.byName.get(name);
  }
}

/** Lower ranks win among aliases: weak last, then linker-provided, then more underscores. */
function aliasRank(s: NamedAddr): number {
  let us = 0;
  while (s.name.charCodeAt(us) === 95) us++;
  return (s.weak ? 1 << 20 : 0) + (looksLinkerProvided(s.name) ? 1 << 19 : 0) + Math.min(us, 1000);
}

/** `__start_X`, `__stop_X`, `__end_X`, `__X_start`, `__X_end` (kallsyms demotes these). */
function looksLinkerProvided(name: string): boolean {
  if (name.length < 8 || !name.startsWith('__')) return false;
  return /^__(start_|stop_|end_)/.test(name) || name.endsWith('_start') || name.endsWith('_end');
}

/** Byte order, as `nm` sorts in the C locale. */
const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The ELF symbols kallsyms would list: defined, named, in an allocated section. */
export function selectKallsyms(
  symbols: readonly ElfSymbol[],
  sections: readonly ElfSection[],
): NamedAddr[] {
  const out: NamedAddr[] = [];
  for (const s of symbols) {
    if (!s.name || s.shndx === SHN_UNDEF || s.shndx === SHN_ABS || s.shndx >= sections.length)
      continue;
    if (s.type === STT_SECTION || s.type === STT_FILE) continue;
    if (s.name.startsWith('.L') || s.name.startsWith('$')) continue;
    out.push({ name: s.name, addr: s.value, weak: s.bind === STB_WEAK, shndx: s.shndx });
  }
  return out;
}
