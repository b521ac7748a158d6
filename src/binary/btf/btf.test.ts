import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../byteReader';
import { ReadAbort } from '../result';
import { BTF_KIND, readBtf } from './types';
import { findNamedType, leafSlots } from './members';
import { memberSymbols } from './memberSymbols';
import { readImageMembers } from './imageMembers';

/** The pv_ops part of the 7.2 capture's `.BTF` (scripts/makeBtfFixture.ts). */
export const PV_OPS_BTF = new Uint8Array(
  readFileSync(join(__dirname, '../../../fixtures/btf/pv_ops-7.2.btf')),
);

const abortOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof ReadAbort) return `${e.diagnostic.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
};

describe('BTF reader', () => {
  const btf = readBtf(PV_OPS_BTF);
  const root = findNamedType(btf, BTF_KIND.STRUCT, 'paravirt_patch_template');

  it('names every pv_ops slot by member path, wrappers folded as the PVOP_* macros name them', () => {
    const slots = leafSlots(btf, root);
    expect(slots).toHaveLength(73);
    const at = (off: number) => slots.find((s) => s.offset === off)?.path;
    // arch/x86/include/asm/paravirt.h (7.2): PVOP_CALL0(…, cpu.read_cr0),
    // PVOP_ALT_CALLEE0(…, irq.save_fl, "pushf; pop %rax", …), PVOP_ALT_CALLEE0(…, mmu.read_cr2, …),
    // PVOP_ALT_VCALL1(pv_ops, mmu.write_cr3, …).
    expect(at(0x10)).toBe('cpu.read_cr0');
    expect(at(0xe0)).toBe('irq.save_fl');
    expect(at(0xe8)).toBe('irq.irq_disable');
    expect(at(0x138)).toBe('mmu.read_cr2');
    expect(at(0x150)).toBe('mmu.write_cr3');
    expect(slots.every((s) => s.size === 8)).toBe(true);
  });

  it('turns them into symbols at the variable address, bounded by the slot', () => {
    const syms = memberSymbols(btf, (n) => (n === 'pv_ops' ? 0xffffffff83247ce0n : undefined));
    const save = syms.find((s) => s.name === 'pv_ops.irq.save_fl');
    expect(save).toEqual({
      name: 'pv_ops.irq.save_fl',
      addr: 0xffffffff83247dc0n,
      end: 0xffffffff83247dc8n,
    });
    expect(memberSymbols(btf, () => undefined)).toEqual([]);
  });

  it('rejects bad headers and truncated types with what and where', () => {
    const bad = PV_OPS_BTF.slice();
    bad[0] = 0x00;
    expect(abortOf(() => readBtf(bad))).toBe('btf-magic: BTF magic 0xeb00: not BTF');
    const be = PV_OPS_BTF.slice();
    be[0] = 0xeb;
    be[1] = 0x9f;
    expect(abortOf(() => readBtf(be))).toBe(
      'btf-magic: BTF magic 0x9feb: big-endian BTF is not supported',
    );
    expect(abortOf(() => readBtf(PV_OPS_BTF.subarray(0, 100)))).toMatch(
      /^out-of-bounds: BTF type section at offset 24 \(\d+ bytes\) is past the end of the file \(size 100\)$/,
    );
    // Claim a huge vlen for the first type: its members run past the type section.
    const vlen = PV_OPS_BTF.slice();
    new DataView(vlen.buffer).setUint32(24 + 4, (BTF_KIND.STRUCT << 24) | 0xffffff, true);
    expect(abortOf(() => readBtf(vlen))).toBe(
      'btf-truncated: BTF type 1 (kind 4, vlen 16777215) runs past the type section',
    );
    const kind = PV_OPS_BTF.slice();
    new DataView(kind.buffer).setUint32(24 + 4, 0x7f << 24, true);
    expect(abortOf(() => readBtf(kind))).toBe('btf-kind: unknown BTF kind 127');
  });

  it('makes an unreadable .BTF a warning, not a failed image', () => {
    const bytes = new Uint8Array(64);
    const r = new ByteReader(bytes);
    const diagnostics: import('../../core/model').Diagnostic[] = [];
    const section = { name: '.BTF', offset: 16, size: 40 } as never;
    expect(readImageMembers(r, [section], () => 0n, diagnostics)).toEqual([]);
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'btf-unreadable',
        message:
          '.BTF is unreadable at file offset 16 (BTF magic 0x0: not BTF); pv_ops slots are named by offset',
      },
    ]);
  });
});
