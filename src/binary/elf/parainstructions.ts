import {
  toAddr,
  type Diagnostic,
  type KernelSymbol,
  type MemoryRange,
  type ParavirtSite,
} from '../../core/model';
import type { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';
import type { AddressSpace } from './buildTable';
import type { ElfSection } from './header';
import type { SymbolIndex } from './kallsyms';

/** Not fatal: the alternatives still run, from the file's bytes at that site. */
const warning = (...args: Parameters<typeof offsetError>): Diagnostic => ({
  ...offsetError(...args),
  severity: 'warning',
});

/** `sizeof(struct paravirt_patch_site)` on x86-64: `u8 *instr; u8 type; u8 len;` + 6 padding. */
export const PARAVIRT_PATCH_SITE_SIZE = 16;

/** What the paravirt pass needs from an image: its sites, `pv_ops` slots and symbols. */
export interface ParavirtTable {
  sites: ParavirtSite[];
  memory: MemoryRange[];
  symbols: KernelSymbol[];
}

/**
 * Read 6.1's `.parainstructions` (absolute `instr` pointers, unlike the self-relative
 * alt_instr), each site's bytes, and the `pv_ops` slot each one calls through.
 */
export function readParainstructions(
  r: ByteReader,
  sec: ElfSection,
  mem: AddressSpace,
  names: SymbolIndex,
  diagnostics: Diagnostic[],
): ParavirtTable {
  if (sec.size % PARAVIRT_PATCH_SITE_SIZE !== 0) {
    throw new ReadAbort(
      offsetError(
        'parainstructions-size',
        `.parainstructions size ${sec.size} is not a multiple of the ${PARAVIRT_PATCH_SITE_SIZE}-byte struct paravirt_patch_site`,
        sec.headerOffset + 32,
        '.parainstructions sh_size',
      ),
    );
  }
  r.check(sec.offset, sec.size, '.parainstructions');
  const pvOps = names.lookup('pv_ops');
  const symbols: KernelSymbol[] = [];
  for (const name of ['pv_ops', '_paravirt_nop', 'paravirt_BUG']) {
    const addr = names.lookup(name);
    if (addr !== undefined) symbols.push({ name, addr: toAddr(addr) });
  }
  if (pvOps === undefined) {
    diagnostics.push(
      warning(
        'pv-ops-unknown',
        'no pv_ops symbol: the paravirt pass cannot read its targets and is skipped',
        sec.offset,
        '.parainstructions',
      ),
    );
  }
  const sites: ParavirtSite[] = [];
  const slots = new Map<number, MemoryRange>();
  const v = r.view;
  for (let i = 0; i < sec.size / PARAVIRT_PATCH_SITE_SIZE; i++) {
    const o = sec.offset + i * PARAVIRT_PATCH_SITE_SIZE;
    const addr = toAddr(v.getBigUint64(o, true));
    const type = v.getUint8(o + 8);
    const len = v.getUint8(o + 9);
    const original = mem.read(addr, len);
    if (!original) {
      diagnostics.push(
        warning(
          'paravirt-site-unmapped',
          `paravirt_patch_site ${i}: ${len} bytes at ${addr.toString(16)} are not inside any section`,
          o,
          'paravirt_patch_site.instr',
        ),
      );
      continue;
    }
    const symbol = names.format(addr);
    sites.push({
      addr,
      type,
      len,
      original: original.slice(),
      ...(symbol !== undefined ? { symbol } : {}),
      source: { kind: 'offset', offset: o, what: `paravirt_patch_site ${i}` },
    });
    if (pvOps !== undefined && !slots.has(type)) {
      const slot = toAddr(pvOps + BigInt(8 * type));
      const bytes = mem.read(slot, 8);
      if (bytes) slots.set(type, { addr: slot, bytes: bytes.slice() });
    }
  }
  const memory = [...slots.values()].sort((a, b) => (a.addr < b.addr ? -1 : 1));
  return { sites, memory, symbols };
}
