import { describe, expect, it } from 'vitest';
import { columnsOfNamed, SymbolIndex, type NamedAddr } from './kallsyms';

const K = 0xffffffff81000000n;
const index = (syms: NamedAddr[]) => new SymbolIndex(columnsOfNamed(syms));

describe('SymbolIndex (%pS)', () => {
  it('prints the alias kallsyms lists first: non-weak, not linker-provided, fewer _, by name', () => {
    const idx = index([
      { name: 'zeta_weak', addr: K, weak: true },
      { name: '__start_foo', addr: K },
      { name: '__beta', addr: K },
      { name: 'gamma', addr: K },
      { name: 'alpha', addr: K },
      { name: 'next', addr: K + 0x40n },
      { name: 'end', addr: K + 0x1000n },
    ]);
    expect(idx.size).toBe(3);
    expect(idx.format(K + 0x10n)).toBe('alpha+0x10/0x40');
    expect(idx.format(K + 0x40n)).toBe('next+0x0/0xfc0');
    expect(idx.format(K + 0x1000n)).toBeUndefined();
    expect(idx.format(K - 1n)).toBeUndefined();
  });

  it('keeps input order for equal names and orders addresses across high halves', () => {
    const idx = index([
      { name: 'kernel', addr: K },
      { name: 'percpu_b', addr: 0x40n },
      { name: 'percpu_a', addr: 0x0n },
      { name: 'dup', addr: K + 0x8n },
      { name: 'dup', addr: K + 0x8n, weak: true },
      { name: 'last', addr: K + 0x20n },
    ]);
    expect(idx.format(0x44n)).toBe('percpu_b+0x4/0xffffffff80ffffc0');
    expect(idx.format(0x3n)).toBe('percpu_a+0x3/0x40');
    expect(idx.format(K + 0x9n)).toBe('dup+0x1/0x18');
    expect(idx.lookup('dup')).toBe(K + 0x8n);
    expect(idx.lookup('missing')).toBeUndefined();
  });
});
