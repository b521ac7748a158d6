import { describe, expect, it } from 'vitest';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../model';
import { parseTextScenario } from './text';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** `line:column message` for every diagnostic, the way the CLI prints them. */
const messages = (text: string): string[] =>
  parseTextScenario(text).diagnostics.map((d) => {
    const loc = d.location?.kind === 'text' ? `${d.location.line}:${d.location.column}` : '?';
    return `${loc} ${d.severity} ${d.code}: ${d.message}`;
  });

const XSAVE = `kernel 7.2
features XSAVEOPT, XSAVEC   # the CPU
// XSTATE_XSAVE: ALTERNATIVE_3(xsave, xsaveopt, XSAVEOPT, xsavec, XSAVEC, xsaves, XSAVES)
site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
  orig 49 0f ae 64 24 40
  alt XSAVEOPT at 0xffffffff89c1e6d9  49 0f ae 74 24 40
  alt X86_FEATURE_XSAVEC              490fc7642440
  alt xsaves                          49 0f c7 6c 24 40
`;

describe('parseTextScenario', () => {
  it('reads sites, entries in table order, features and default replacement addresses', () => {
    const { table, diagnostics } = parseTextScenario(XSAVE);
    expect(diagnostics).toEqual([]);
    expect(table?.kernel).toBe('7.2');
    expect(table?.features).toEqual([320, 321]);
    const site = table!.sites[0]!;
    expect(site.addr).toBe(0xffffffff81283cd3n);
    expect(site.symbol).toBe('save_fpregs_to_fpstate+0x43/0xa0');
    expect(hex(site.original)).toBe('490fae642440');
    expect(site.entries.map((e) => [e.cpuid, e.instrlen, e.replacementlen, e.tableIndex])).toEqual([
      [320, 6, 6, 0],
      [321, 6, 6, 1],
      [323, 6, 6, 2],
    ]);
    // Without `at`, a replacement follows the previous one, as in .altinstr_replacement.
    expect(site.entries.map((e) => e.repl.toString(16))).toEqual([
      'ffffffff89c1e6d9',
      'ffffffff89c1e6df',
      'ffffffff89c1e6e5',
    ]);
    expect(hex(site.entries[1]!.replacement)).toBe('490fc7642440');
    expect(site.entries[0]!.source).toEqual({ kind: 'text', line: 6, column: 3 });
  });

  it('takes the byte column of pasted objdump lines, across several lines', () => {
    const { table, diagnostics } = parseTextScenario(`kernel 6.12
site 0xffffffff81283cd3
  orig
ffffffff81283cd3:	49 0f ae 64                          	xsave64 0x40(%r12)
ffffffff81283cd7:	24 40
  alt XSAVEOPT
ffffffff89c1e6d9:	49 0f ae 74 24 40    	xsaveopt64 0x40(%r12)
`);
    expect(diagnostics).toEqual([]);
    const site = table!.sites[0]!;
    expect(hex(site.original)).toBe('490fae642440');
    // The pasted address of the replacement becomes its address.
    expect(site.entries[0]!.repl).toBe(0xffffffff89c1e6d9n);
    expect(hex(site.entries[0]!.replacement)).toBe('490fae742440');
  });

  it('accepts debug-alternative dump lines', () => {
    const { table } = parseTextScenario(`site 0xffffffff81283cd3
  orig ffffffff81283cd3:   old_insn: 49 0f ae 64 24 40
  alt 10*32+0 ffffffff89c1e6d9:   rpl_insn: 49 0f ae 74 24 40
`);
    expect(table!.kernel).toBe('7.2');
    expect(table!.sites[0]!.entries[0]!.repl).toBe(0xffffffff89c1e6d9n);
    expect(hex(table!.sites[0]!.entries[0]!.replacement)).toBe('490fae742440');
  });

  it('reads NOT, DIRECT_CALL, instrlen, flags, symbols and pointer slots', () => {
    const { table, diagnostics } = parseTextScenario(`kernel 7.2
symbol BUG_func 0xffffffff81400000
symbol pv_ops 0xffffffff82a00000
symbol xen_read_cr2 0xffffffff81202b30
pointer pv_ops+0x40 = xen_read_cr2
pointer pv_ops+0x48 NULL
memory 0xffffffff82b00000 01 02
  03
site 0xffffffff81001000 read_cr2
  orig ff 15 3a f0 9f 01 90 90
  alt ALWAYS DIRECT_CALL instrlen 6 e8 fb ff bf fe
  alt NOT XENPV instrlen 0x6 flags 4 0f 20 d0
  alt 3*32+21 90 90 90 90 90 90 90 90
`);
    expect(diagnostics).toEqual([]);
    expect(table!.symbols.map((s) => s.name)).toEqual(['BUG_func', 'pv_ops', 'xen_read_cr2']);
    expect(table!.memory.map((m) => [m.addr.toString(16), hex(m.bytes)])).toEqual([
      ['ffffffff82a00040', '302b2081ffffffff'],
      ['ffffffff82a00048', '0000000000000000'],
      ['ffffffff82b00000', '010203'],
    ]);
    const [a, b, c] = table!.sites[0]!.entries;
    expect([a!.cpuid, a!.flags, a!.instrlen]).toEqual([117, ALT_FLAG_DIRECT_CALL, 6]);
    expect([b!.cpuid, b!.flags, b!.instrlen]).toEqual([272, ALT_FLAG_NOT | 4, 6]);
    expect([c!.cpuid, c!.instrlen, c!.replacementlen]).toEqual([117, 8, 8]);
  });

  it('keeps feature indices past the kernel range for the simulator to report', () => {
    const { table } = parseTextScenario('site 0x1000\n orig 90\n alt 24*32+0\n alt 65535 90\n');
    expect(table!.sites[0]!.entries.map((e) => [e.cpuid, e.replacementlen])).toEqual([
      [768, 0],
      [65535, 1],
    ]);
  });

  it('reports every error with line:column and what was expected, and returns no table', () => {
    const text = `kernel 7.2
features XSAVEOPT, NOSUCH
site 0xffffffff81001000
  orig 49 0f zz
  alt FOO 90
  alt XSAVEOPT instrlen
  alt XSAVEOPT at pv_ops 90
frobnicate 1
site 0xffffffff81002000
  orig 90 90 90
  alt XSAVEOPT instrlen 4 90
site 0xffffffff81002000
kernel 6.12
  alt NOT
site 0xffffffff81003000
  orig 9
`;
    expect(parseTextScenario(text).table).toBeUndefined();
    expect(messages(text)).toEqual([
      "2:20 error scenario-unknown-feature: unknown feature 'NOSUCH' for kernel 7.2 (expected a name such as XSAVEOPT, X86_FEATURE_XSAVEOPT or xsaveopt, or W*32+B)",
      "4:14 error scenario-bytes: expected hex bytes, found 'zz'",
      "5:7 error scenario-unknown-feature: unknown feature 'FOO' for kernel 7.2 (expected a name such as XSAVEOPT, X86_FEATURE_XSAVEOPT or xsaveopt, or W*32+B)",
      "6:25 error scenario-syntax: expected a number 0..255 after 'instrlen'",
      "7:19 error scenario-unknown-symbol: unknown symbol 'pv_ops' (declare it first: symbol pv_ops 0x…)",
      "8:1 error scenario-syntax: expected a statement (kernel, features, symbol, memory, pointer, site, orig, alt), found 'frobnicate'",
      '12:6 error scenario-duplicate: site 0xffffffff81002000 is already declared at line 9',
      "13:1 error scenario-syntax: 'kernel' must be the first statement (feature names depend on it)",
      "14:3 error scenario-syntax: 'alt' outside a site (start one with: site 0x…)",
      "16:8 error scenario-bytes: expected hex bytes in pairs of digits, found '9' (odd number of digits)",
      '11:25 error scenario-length: instrlen 4 is longer than the original bytes (3)',
    ]);
  });

  it('checks that the original is exactly as long as the longest instrlen', () => {
    expect(messages('site 0x10\n  orig 90 90 90\n  alt XSAVEOPT instrlen 2 90\n')).toEqual([
      '2:3 error scenario-length: the original bytes (3) are longer than the longest instrlen (2); trim them or give an entry instrlen 3',
    ]);
    expect(messages('site 0x10\n  alt XSAVEOPT 90\n')).toEqual([
      "1:1 error scenario-length: site 0x10 has no 'orig' line (the original bytes at the site)",
    ]);
  });

  it('warns when pasted objdump addresses do not line up', () => {
    const r = messages(
      'site 0x1000\n  orig\n0000000000001004: 90\n  alt ALWAYS at 0x2000\n2001: 90 nop\n',
    );
    expect(r).toEqual([
      '3:1 warning scenario-address-mismatch: pasted address 0x1004 does not continue the bytes above (expected 0x1000)',
      "5:1 warning scenario-address-mismatch: pasted address 0x2001 differs from 'at 0x2000'",
    ]);
  });

  it('rejects an unknown kernel and stray bytes', () => {
    expect(messages('kernel 6.6\nsite 0x1\n  orig 90\n  alt ALWAYS\n')).toEqual([
      "1:8 error scenario-syntax: expected a kernel version (6.1, 6.12, 7.2 or 7.3), found '6.6'",
    ]);
    expect(messages('kernel 7.2\n90 90\n')).toEqual([
      "2:1 error scenario-syntax: bytes here belong to no statement (expected them after 'orig', 'alt' or 'memory')",
    ]);
  });

  it('uses the declared kernel catalogue for names', () => {
    // LFENCE_RDTSC moved between versions; the names resolve per kernel.
    const a = parseTextScenario('kernel 6.12\nfeatures LFENCE_RDTSC\n').table!.features;
    const b = parseTextScenario('kernel 7.2\nfeatures LFENCE_RDTSC\n').table!.features;
    expect(a.length).toBe(1);
    expect(b.length).toBe(1);
  });

  it('gives every byte line the address its bytes live at, errors or not', () => {
    const lines = (text: string) =>
      (parseTextScenario(text).byteLines ?? []).map(
        (l) => `${l.line} ${l.addr === undefined ? '?' : l.addr.toString(16)} ${hex(l.bytes)}`,
      );
    const text = [
      'site 0xffffffff81001000',
      '  orig 90 90 90',
      '    90 90',
      '  alt XSAVEOPT 0f 01 d0',
      '  alt XSAVEC at 0xffffffff82900000 e8 00 00',
      '    00 00',
      '  alt XSAVES 0f',
      'memory 0xffffffff82a00000 11 22',
    ].join('\n');
    expect(lines(text)).toEqual([
      '2 ffffffff81001000 909090',
      '3 ffffffff81001003 9090',
      '4 ffffffff82800000 0f01d0',
      '5 ffffffff82900000 e80000',
      '6 ffffffff82900003 0000',
      '7 ffffffff82900005 0f',
      '8 ffffffff82a00000 1122',
    ]);
    // A site with an error keeps its addresses; the rejected line has none.
    expect(lines(text.replace('alt XSAVEC', 'alt XSAVECZ') + '\nsite 0x1\n  orig 90 9')).toEqual([
      '2 ffffffff81001000 909090',
      '3 ffffffff81001003 9090',
      '4 ffffffff82800000 0f01d0',
      '7 ffffffff82800003 0f',
      '8 ffffffff82a00000 1122',
    ]);
  });
});
