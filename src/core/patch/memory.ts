import type { Addr, AltTable, KernelSymbol, MemoryRange } from '../model';

/** Read access to the bytes a table carries besides its sites (pv_ops slots) and its symbols. */
export interface KernelMemory {
  /** `len` bytes at `addr`, or undefined when no memory range covers them. */
  read(addr: Addr, len: number): Uint8Array | undefined;
  symbol(name: string): Addr | undefined;
  /** The name of the symbol at exactly `addr`, if any. */
  nameAt(addr: Addr): string | undefined;
}

/** Index a table's memory ranges and symbols once, for the many DIRECT_CALL reads. */
export function createKernelMemory(
  memory: readonly MemoryRange[],
  symbols: readonly KernelSymbol[],
): KernelMemory {
  const exact = new Map<bigint, Uint8Array>();
  for (const r of memory) if (!exact.has(r.addr)) exact.set(r.addr, r.bytes);
  const byName = new Map<string, Addr>();
  const byAddr = new Map<bigint, string>();
  for (const s of symbols) {
    if (!byName.has(s.name)) byName.set(s.name, s.addr);
    if (!byAddr.has(s.addr)) byAddr.set(s.addr, s.name);
  }
  return {
    read(addr, len) {
      const hit = exact.get(addr);
      if (hit && hit.length >= len) return hit.subarray(0, len);
      for (const r of memory) {
        const off = addr - r.addr;
        if (off >= 0n && off + BigInt(len) <= BigInt(r.bytes.length)) {
          return r.bytes.subarray(Number(off), Number(off) + len);
        }
      }
      return undefined;
    },
    symbol: (name) => byName.get(name),
    nameAt: (addr) => byAddr.get(addr),
  };
}

export const memoryOf = (table: AltTable): KernelMemory =>
  createKernelMemory(table.memory, table.symbols);
