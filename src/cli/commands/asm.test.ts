import { describe, expect, it } from 'vitest';
import { runCli } from '../testing';

describe('altscope asm', () => {
  it('assembles objdump-style lines at their addresses', async () => {
    const input = [
      'ffffffff81000010: call ffffffff81400000 <BUG_func>',
      '  ffffffff81000015:\tlfence',
      '',
      '# a comment line',
      '0xffffffff8100001a: jmp ffffffff8100001c',
      'ffffffff81000020: xsaveopt64 0x40(%r12)',
    ].join('\n');
    const r = await runCli({ 'in.s': input }, 'asm', 'in.s');
    expect(r).toEqual({
      status: 0,
      stdout:
        'ffffffff81000010: e8ebff3f00\n' +
        'ffffffff81000015: 0faee8\n' +
        'ffffffff8100001a: eb00\n' +
        'ffffffff81000020: 490fae742440\n',
      stderr: '',
    });
  });

  it('reads Intel syntax with --intel, from - (standard input)', async () => {
    const r = await runCli(
      {
        '-': 'ffffffff81000010: call 0ffffffff81400000h\nffffffff81000015: mov rax, qword ptr gs:[10h]\n',
      },
      'asm',
      '--intel',
      '-',
    );
    expect(r.stdout).toBe('ffffffff81000010: e8ebff3f00\nffffffff81000015: 65488b042510000000\n');
    expect(r.status).toBe(0);
  });

  it('prints an error line per bad line and exits 1', async () => {
    const input =
      'ffffffff81000000: nop\nffffffff81000001: mov 8(%rax, %rbx\nnonsense\nffffffff81000002: frob %rax\n';
    const r = await runCli({ 'in.s': input }, 'asm', 'in.s');
    expect(r.stdout).toBe(
      'ffffffff81000000: 90\n' +
        "ffffffff81000001: error: 2:35: expected ')' to close '('\n" +
        "nonsense: error: 3:1: expected 'ADDR: INSTRUCTION'\n" +
        "ffffffff81000002: error: 4:19: unknown instruction 'frob'\n",
    );
    expect(r.status).toBe(1);
  });

  it('refuses unknown options with usage, exit 2', async () => {
    const r = await runCli({}, 'asm', '--att');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("altscope asm: unknown option '--att'");
  });
});
