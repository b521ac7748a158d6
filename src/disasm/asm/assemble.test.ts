import * as iced from 'iced-x86';
import { describe, expect, it } from 'vitest';
import type { AsmSyntax } from '../../core/ports';
import { makeIcedAssembler } from './assemble';

const asm = makeIcedAssembler(iced);
const AT = 0xffffffff81000000n;
const symbols = new Map([
  ['BUG_func', 0xffffffff81400000n],
  ['entry_untrain_ret', 0xffffffff81e00100n],
  ['pv_ops', 0xffffffff82a00000n],
]);
const run = (text: string, syntax: AsmSyntax = 'att', at = AT): string => {
  const r = asm.assemble(text, at, { syntax, symbols });
  return r.ok
    ? Buffer.from(r.bytes).toString('hex')
    : `${r.error.line}:${r.error.column} ${r.error.message}`;
};

describe('assembler: the instructions alternatives use', () => {
  it.each([
    ['lfence', '0faee8'],
    ['mfence; lfence', '0faef00faee8'],
    ['call BUG_func', 'e8fbff3f00'],
    ['jmp entry_untrain_ret', 'e9fb00e000'],
    ['call *pv_ops+0x40(%rip)', 'ff153a00a001'],
    ['mov 0x25(%rip), %rax', '488b0525000000'],
    ['xsaveopt64 0x40(%r12)', '490fae742440'],
    ['movl $0, 8(%rax)', 'c7400800000000'],
    ['add $0xffffffffffffffff, %rax', '4883c0ff'],
    ['add $-1, %rax', '4883c0ff'],
    ['add $0x100, %eax', '0500010000'],
    ['mov %rax, %rbx', '4889c3'],
    ['xchg %eax, %ebx', '93'],
    ['mov $1, %eax', 'b801000000'],
    ['movabs $0x1122334455667788, %rax', '48b88877665544332211'],
    ['lock xadd %eax, (%rdi)', 'f00fc107'],
    ['mov %gs:0x10, %rax', '65488b042510000000'],
    ['movzbl (%rax), %eax', '0fb600'],
    ['movslq %eax, %rax', '4863c0'],
    ['cltq', '4898'],
    ['lea (,%rax,4), %rax', '488d048500000000'],
    ['nopw 0x0(%rax,%rax,1)', '660f1f440000'],
    ['nopw (%rax,%rax)', '660f1f0400'],
    ['rep movsb', 'f3a4'],
    ['rep stos %rax, (%rdi)', 'f348ab'],
    ['pushf', '9c'],
    ['push $0x1000', '6800100000'],
    ['jmp *%rax', 'ffe0'],
    ['jz 1f; nop; 1: ret', '740190c3'],
    ['1: pause\njmp 1b', 'f390ebfc'],
    ['ds clflush (%rax)', '3e0fae38'],
    ['stac', '0f01cb'],
    ['call ffffffff81400000 <BUG_func>', 'e8fbff3f00'],
  ])('AT&T %s', (text, bytes) => expect(run(text)).toBe(bytes));

  it.each([
    ['call BUG_func', 'e8fbff3f00'],
    ['mov rax, qword ptr gs:[10h]', '65488b042510000000'],
    ['call qword ptr [rip+pv_ops+40h]', 'ff153a00a001'],
    ['mov rax, [rbx+rcx*8-8]', '488b44cbf8'],
    ['jmp short 0ffffffff81000010h', 'eb0e'],
    ['rep stosb [rdi]', 'f3aa'],
    ['mov dword ptr [rax+8], 0', 'c7400800000000'],
  ])('Intel %s', (text, bytes) => expect(run(text, 'intel')).toBe(bytes));

  it('lengthens a jump to a local label that a short one cannot reach', () => {
    expect(run(`jmp 1f\n${'nop\n'.repeat(130)}1: ret`).slice(0, 10)).toBe('e982000000');
  });

  it.each([
    ['foo %rax', "1:1 unknown instruction 'foo'"],
    ['mov %rax', "1:1 'mov' does not take 1 operand"],
    ['nop\nmov 8(%rax, %rbx', "2:17 expected ')' to close '('"],
    ['inc (%rax)', '1:1 operand size is ambiguous: add a size suffix (b, w, l or q)'],
    ['call missing_func', "1:6 unknown symbol 'missing_func'"],
    ['jmp 2f; 2: nop; jmp 3b', "1:21 no label '3:' before this line"],
    ['mov %rax, %eax', "1:1 'mov' does not take these operands"],
    ['mov (%rax,%rbx,3), %rax', "1:16 expected a scale of 1, 2, 4 or 8, found '3'"],
    ['mov %xyz, %rax', "1:5 expected a register, found '%xyz'"],
    ['movb $0x1ff, (%rax)', "1:1 'movb' does not take these operands"],
  ])('error: %s', (text, message) => expect(run(text)).toBe(message));

  it('Intel errors say what was expected', () => {
    expect(run('inc [rax]', 'intel')).toBe(
      '1:1 operand size is ambiguous: write byte, word, dword or qword ptr',
    );
  });
});

describe('assembler robustness', () => {
  it('answers 3000 damaged lines with bytes or a located error, never a throw', () => {
    const seeds = [
      'call *pv_ops+0x40(%rip)',
      'movq $0x1234, %gs:0x10',
      'jz 1f; nop; 1: ret',
      'mov rax, qword ptr gs:[rbx+rcx*8-8]',
      'rep stos %rax, (%rdi)',
      'lea (,%rax,4), %rax',
    ];
    const junk = ' ,;:()[]%$*+-#<>"0x1fhqlwbzrip\n';
    let state = 0x5eed;
    const rnd = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      let text = seeds[i % seeds.length]!;
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const c = junk[Math.floor(rnd() * junk.length)]!;
        text =
          rnd() < 0.5
            ? text.slice(0, at) + c + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1);
      }
      const r = asm.assemble(text, AT, { syntax: i % 2 ? 'intel' : 'att', symbols });
      if (!r.ok) {
        errors++;
        expect(r.error.message.length).toBeGreaterThan(0);
        expect(r.error.line).toBeGreaterThanOrEqual(1);
        expect(r.error.column).toBeGreaterThanOrEqual(1);
      }
    }
    expect(errors).toBeGreaterThan(1000);
  });
});
