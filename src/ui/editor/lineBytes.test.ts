import { describe, expect, it } from 'vitest';
import { readLineBytes } from './lineBytes';

const hex = (b: Uint8Array | null) =>
  b ? Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ') : null;

describe('readLineBytes', () => {
  it('reads an objdump paste after orig, ignoring address and disassembly', () => {
    expect(
      hex(readLineBytes('  orig ffffffff81283cd3:  49 0f ae 64 24 40   xsave64 0x40(%r12)')),
    ).toBe('49 0f ae 64 24 40');
  });
  it('reads alt bytes after the feature, flags and address, stopping at the comment', () => {
    expect(
      hex(readLineBytes('alt XSAVEOPT at 0xffffffff89c1e6d9   49 0f ae 74 24 40   # xsaveopt64')),
    ).toBe('49 0f ae 74 24 40');
    expect(hex(readLineBytes('alt XENPV DIRECT_CALL e8 f0 ff bf fe # call BUG_func'))).toBe(
      'e8 f0 ff bf fe',
    );
  });
  it('reads continuation lines and objdump lines', () => {
    expect(hex(readLineBytes('  0f 20 d0'))).toBe('0f 20 d0');
    expect(hex(readLineBytes('ffffffff81001010:\tff 15 2a f0 9f 01 \tcall *0x19ff02a(%rip)'))).toBe(
      'ff 15 2a f0 9f 01',
    );
  });
  it('finds no bytes on other statements or comments', () => {
    expect(readLineBytes('features XSAVEOPT, 10*32+1')).toBeNull();
    expect(readLineBytes('site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0')).toBeNull();
    expect(readLineBytes('# 49 0f ae')).toBeNull();
    expect(readLineBytes('alt XSAVEC')).toBeNull();
  });
});
