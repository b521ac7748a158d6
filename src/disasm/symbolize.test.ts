import * as iced from 'iced-x86';
import { describe, expect, it } from 'vitest';
import { ALT_FLAG_DIRECT_CALL } from '../core/model';
import { lookupIn, symbolizeText, symbolTableOf } from '../core/symbols';
import { capturesPresent, readCaptureXz } from '../binary/captures';
import { memberSymbols } from '../binary/btf/memberSymbols';
import { readBtf } from '../binary/btf/types';
import { PV_OPS_BTF } from '../binary/btf/btf.test';
import { imageSymbols, readVmlinux } from '../binary/elf/vmlinux';
import { makeIcedDisassembler } from './format';

describe('symbolized disassembly', () => {
  const lookup = lookupIn(
    symbolTableOf([
      { name: 'BUG_func', addr: 0xffffffff8223d5c0n },
      { name: 'pv_ops', addr: 0xffffffff82a00000n },
    ]),
  );
  const dis = makeIcedDisassembler(iced);

  it('names call targets and RIP-relative operands objdump-style, AT&T and Intel', () => {
    // call *0x…(%rip) reading pv_ops+0x40, then a direct call to BUG_func.
    const ip = 0xffffffff81000000n;
    const disp = 0xffffffff82a00040n - (ip + 6n);
    const b = new Uint8Array(11);
    new DataView(b.buffer).setUint16(0, 0x15ff, true);
    new DataView(b.buffer).setInt32(2, Number(disp), true);
    b[6] = 0xe8;
    new DataView(b.buffer).setInt32(7, Number(0xffffffff8223d5c0n - (ip + 11n)), true);
    expect(dis.disassemble(b, ip, 'att', lookup).map((i) => i.text)).toEqual([
      'call *0x1a0003a(%rip)  # ffffffff82a00040 <pv_ops+0x40>',
      'call ffffffff8223d5c0 <BUG_func>',
    ]);
    expect(dis.disassemble(b, ip, 'intel', lookup).map((i) => i.text)).toEqual([
      'call qword ptr [rip+1a0003ah]  # ffffffff82a00040 <pv_ops+0x40>',
      'call ffffffff8223d5c0 <BUG_func>',
    ]);
    // Without a lookup the text is what it always was.
    expect(dis.disassemble(b, ip, 'att').map((i) => i.text)).toEqual([
      'call *0x1a0003a(%rip)',
      'call 0xffffffff8223d5c0',
    ]);
  });

  it('leaves unnamed branch targets alone and still gives the RIP target', () => {
    const insn = { offset: 0, length: 5, ok: true, text: 'jmp 0x10', branchTarget: 0x10n };
    expect(symbolizeText(insn, lookup)).toBe('jmp 0x10');
    const rip = { offset: 0, length: 6, ok: true, text: 'call *(%rip)', ripTarget: 0x10n };
    expect(symbolizeText(rip, lookup)).toBe('call *(%rip)  # 10');
  });
});

describe.skipIf(!capturesPresent())('symbolized disassembly of the 7.2 capture', () => {
  const read = readVmlinux(readCaptureXz('debian-sid-7.2.13', 'vmlinux-alt.elf.xz'));
  if (!read.ok) throw new Error(read.diagnostics[0]?.message);
  const image = read.value;
  // The trimmed capture has no .BTF; the vmlinuz's (fixture subset) names pv_ops members.
  const members = memberSymbols(readBtf(PV_OPS_BTF), (n) => image.names.lookup(n));
  const symbols = imageSymbols({ names: image.names, members });
  const dis = makeIcedDisassembler(iced);
  const site = (name: string) => image.table.sites.find((s) => s.symbol?.startsWith(name));

  it('names the pv_ops member a DIRECT_CALL site calls through, and BUG_func in its replacement', () => {
    const s = site('native_flush_tlb_global+0x5c/')!;
    expect(dis.disassemble(s.original, s.addr, 'att', symbols).map((i) => i.text)).toEqual([
      'call *0x1eef90e(%rip)  # ffffffff83247dc0 <pv_ops.irq.save_fl>',
    ]);
    const e = s.entries[0]!;
    expect(dis.disassemble(e.replacement, e.repl, 'att', symbols).map((i) => i.text)).toEqual([
      'call ffffffff8223d5c0 <BUG_func>',
    ]);
    // The source: PVOP_ALT_CALLEE0(…, irq.save_fl, "pushf; pop %rax", ALT_NOT_XEN).
    const n = s.entries[1]!;
    expect(dis.disassemble(n.replacement, n.repl).map((i) => i.text)).toEqual([
      'pushf',
      'pop %rax',
    ]);
  });

  it('names every DIRECT_CALL slot by member, and read_cr2/write_cr3 match their PVOP_* macros', () => {
    const direct = image.table.sites.filter((s) =>
      s.entries.some((e) => e.flags & ALT_FLAG_DIRECT_CALL),
    );
    expect(direct.length).toBeGreaterThan(500);
    const members = new Map<string, string>();
    for (const s of direct) {
      const [insn] = dis.disassemble(s.original, s.addr, 'att', symbols);
      const m = /<(pv_ops[^>]*)>$/.exec(insn?.text ?? '');
      expect(m?.[1], insn?.text).toMatch(/^pv_ops\.(cpu|irq|mmu)\.\w+$|^pv_ops_lock\.\w+$/);
      const not = s.entries.find((e) => !(e.flags & ALT_FLAG_DIRECT_CALL));
      if (m && not)
        members.set(
          m[1]!,
          dis
            .disassemble(not.replacement, not.repl)
            .map((i) => i.text)
            .join('; '),
        );
    }
    // PVOP_ALT_CALLEE0(…, mmu.read_cr2, "mov %%cr2, %%rax", ALT_NOT_XEN) and
    // PVOP_ALT_VCALL1(pv_ops, mmu.write_cr3, x, "mov %%rdi, %%cr3", ALT_NOT_XEN).
    expect(members.get('pv_ops.mmu.read_cr2')).toBe('mov %cr2, %rax');
    expect(members.get('pv_ops.mmu.write_cr3')).toBe('mov %rdi, %cr3');
    expect(members.get('pv_ops.irq.irq_disable')).toBe('cli');
    expect(members.get('pv_ops.irq.irq_enable')).toBe('sti');
    // PVOP_ALT_VCALLEE1(pv_ops_lock, queued_spin_unlock, lock, "movb $0, (%rdi)", ALT_NOT(…)).
    expect(members.get('pv_ops_lock.queued_spin_unlock')).toBe('movb $0, (%rdi)');
  });

  it('resolves nop_func, BUG_func and xen_* targets', () => {
    expect(symbols(image.names.lookup('nop_func')!)).toEqual({ name: 'nop_func', offset: 0n });
    expect(symbols(0xffffffff8223d5c0n)).toEqual({ name: 'BUG_func', offset: 0n });
    // A call from xen_* code into another xen_* function, named as objdump names it.
    const xen = image.table.sites.find((s) => s.symbol?.startsWith('xen_'))!;
    const call = new Uint8Array([0xe8, 0, 0, 0, 0]);
    const target = image.names.lookup('xen_save_fl_direct')!;
    new DataView(call.buffer).setInt32(1, Number(target - (xen.addr + 5n)), true);
    expect(dis.disassemble(call, xen.addr, 'att', symbols)[0]?.text).toBe(
      `call ${target.toString(16)} <xen_save_fl_direct>`,
    );
  });
});
