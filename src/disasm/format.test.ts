import * as iced from 'iced-x86';
import { afterAll, describe, expect, it } from 'vitest';
import { makeIcedDisassembler } from './format';

const dis = makeIcedDisassembler(iced);
afterAll(() => dis.dispose());
const bytes = (hex: string): Uint8Array =>
  Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const att = (hex: string, ip = 0xffffffff81000000n): string[] =>
  dis.disassemble(bytes(hex), ip).map((i) => i.text);

describe('makeIcedDisassembler', () => {
  it('formats the XSTATE_XSAVE variants like objdump', () => {
    expect(att('49 0f ae 64 24 40')).toEqual(['xsave64 0x40(%r12)']);
    expect(att('49 0f ae 74 24 40')).toEqual(['xsaveopt64 0x40(%r12)']);
    expect(att('49 0f c7 64 24 40')).toEqual(['xsavec64 0x40(%r12)']);
    expect(att('49 0f c7 6c 24 40')).toEqual(['xsaves64 0x40(%r12)']);
  });

  it('shows RIP-relative operands as objdump does (relative) and branch targets as absolute', () => {
    expect(att('ff 15 3a f0 9f 01', 0xffffffff81001000n)).toEqual(['call *0x19ff03a(%rip)']);
    // objdump's bare mnemonics, not iced's `jmpq`/`retq`.
    expect(att('ff e0 c3')).toEqual(['jmp *%rax', 'ret']);
    expect(att('e8 2b 1b 20 00 90', 0xffffffff81001000n)).toEqual([
      'call 0xffffffff81202b30',
      'nop',
    ]);
  });

  it('gives offsets and lengths, and marks bad bytes one at a time', () => {
    const r = dis.disassemble(bytes('0f 20 d0 0f 1f 00 06'), 0n);
    expect(r).toEqual([
      { offset: 0, length: 3, ok: true, text: 'mov %cr2, %rax' },
      { offset: 3, length: 3, ok: true, text: 'nopl (%rax)' },
      { offset: 6, length: 1, ok: false, text: '(bad)' },
    ]);
  });

  it('formats Intel syntax too', () => {
    expect(dis.disassemble(bytes('49 0f c7 64 24 40'), 0n, 'intel').map((i) => i.text)).toEqual([
      'xsavec64 [r12+40h]',
    ]);
  });
});
