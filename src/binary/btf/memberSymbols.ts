/**
 * BTF member paths as symbols: each leaf of a variable (`pv_ops.irq.save_fl`) becomes a named
 * address range, so a RIP-relative `call *pv_ops+0x40(%rip)` reads as `<pv_ops.irq.save_fl>`.
 */
import type { TableSymbol } from '../../core/symbols';
import { BTF_KIND, type Btf } from './types';
import { findNamedType, leafSlots } from './members';

/**
 * Variables worth naming by member, with the struct to use when BTF has no VAR for them
 * (pahole emits VARs only for per-CPU data unless asked for globals).
 */
export const MEMBER_NAMED_VARIABLES: readonly { name: string; struct: string }[] = [
  { name: 'pv_ops', struct: 'paravirt_patch_template' },
  // 7.2 moved the spinlock ops out of pv_ops (asm/paravirt-spinlock.h).
  { name: 'pv_ops_lock', struct: 'pv_lock_ops' },
];

/** The type of a variable: its BTF VAR's type, else its known struct. */
function variableType(btf: Btf, name: string, struct: string): number {
  const v = findNamedType(btf, BTF_KIND.VAR, name);
  if (v) return btf.sizeOrType[v] as number;
  return findNamedType(btf, BTF_KIND.STRUCT, struct);
}

/** Member-path symbols for the known variables found at `addressOf(name)`. */
export function memberSymbols(
  btf: Btf,
  addressOf: (name: string) => bigint | undefined,
): TableSymbol[] {
  const out: TableSymbol[] = [];
  for (const { name, struct } of MEMBER_NAMED_VARIABLES) {
    const addr = addressOf(name);
    const type = addr === undefined ? 0 : variableType(btf, name, struct);
    if (addr === undefined || type === 0) continue;
    for (const s of leafSlots(btf, type, name))
      if (s.size > 0)
        out.push({
          name: s.path,
          addr: addr + BigInt(s.offset),
          end: addr + BigInt(s.offset + s.size),
        });
  }
  return out;
}
