import { describe, expect, it } from 'vitest';
import { JsonBytes, literal } from './jsonBytes';
import { writeStdout } from './io';

describe('JsonBytes', () => {
  it('escapes strings exactly as JSON.stringify does, including UTF-8 and controls', () => {
    const samples = [
      'plain_sym+0x10/0x20',
      'a"b',
      'back\\slash',
      'tab\there',
      'nl\n',
      '\u007f',
      'é€😀',
      '\u2028',
      '',
    ];
    const j = new JsonBytes();
    for (const s of samples) {
      j.str(s);
      j.lit(literal(','));
    }
    expect(j.text()).toBe(samples.map((s) => JSON.stringify(s) + ',').join(''));
  });

  it('writes numbers, addresses and hex bytes as the JSON report expects', () => {
    const j = new JsonBytes();
    j.num(-12);
    j.num(Number.NaN);
    j.addr(0xffffffff81000000n);
    j.hex(new Uint8Array([0x0f, 0x1f, 0x44, 0x00, 0xff]));
    expect(j.text()).toBe('-12null"0xffffffff81000000""0f1f4400ff"');
  });

  it('grows past its initial buffer without losing bytes', () => {
    const j = new JsonBytes();
    const bytes = new Uint8Array(100_000).map((_, i) => i & 0xff);
    j.hex(bytes);
    const text = j.text();
    expect(text.length).toBe(200_002);
    expect(text.slice(0, 7)).toBe('"000102');
    // 99,998 and 99,999 mod 256 are 0x9e and 0x9f.
    expect(text.slice(-5)).toBe('9e9f"');
  });

  it('takes a size guess, grows past a wrong one, and gives the same bytes as its text', () => {
    const j = new JsonBytes(10);
    j.str('ünïcode');
    j.hex(new Uint8Array(3000).fill(0xab));
    const bytes = j.bytes();
    expect(bytes.length).toBe(2 + 'ünïcode'.length + 2 + 2 + 6000);
    expect(new TextDecoder().decode(bytes)).toBe(j.text());
    expect(j.text().slice(0, 14)).toBe('"ünïcode""abab');
  });
});

describe('writeStdout', () => {
  const bytes = new TextEncoder().encode('{"ok": "ü"}\n');
  it('hands the bytes to a host that takes bytes', () => {
    const got: Uint8Array[] = [];
    writeStdout(
      {
        readFile: () => bytes,
        stdout: () => {},
        stderr: () => {},
        stdoutBytes: (b) => void got.push(b),
      },
      bytes,
    );
    expect(got).toEqual([bytes]);
  });
  it('decodes them for a host that takes text', () => {
    let text = '';
    writeStdout(
      { readFile: () => bytes, stdout: (t) => void (text += t), stderr: () => {} },
      bytes,
    );
    expect(text).toBe('{"ok": "ü"}\n');
  });
});
