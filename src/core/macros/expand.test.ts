import { describe, expect, it } from 'vitest';
import { createAssembler } from '../../disasm/asm';
import { parseTextScenario } from '../scenario/text';
import { toScenarioJson } from '../scenario/jsonWrite';
import { expandMacro } from './expand';
import type { MacroLayout } from './expand';
import { parseMacroCall } from './macroSyntax';
import { resolveScenarioFeature } from '../scenario/feature';

const assembler = createAssembler();
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function expand(text: string, layout: MacroLayout = 'nested') {
  const p = parseMacroCall(text);
  if (!p.ok) return `${p.column}: ${p.message}`;
  const r = expandMacro(p.call, {
    layout,
    site: 0xffffffff81001000n as never,
    repl: 0xffffffff82800000n as never,
    assembler,
    symbols: new Map([['BUG_func', 0xffffffff81400000n]]),
    resolveFeature: (t) => resolveScenarioFeature(t, '7.2'),
    directCall: layout === 'nested',
  });
  if (!r.ok) return `${r.column}: ${r.message}`;
  return {
    site: hex(r.original),
    entries: r.expansion.levels.map(
      (l) =>
        `${l.cpuid} f${l.flags} len${l.instrlen} pad${l.padding} ${hex(l.replacement)} @${l.repl.toString(16)}`,
    ),
  };
}

describe('expandMacro: the layout the kernel macros produce', () => {
  it('nested: each level pads what it wraps and has its own instrlen', () => {
    expect(expand('ALTERNATIVE_2 "", "lfence", 9*32+20, "mfence; lfence", 11*32+12')).toEqual({
      site: '909090909090',
      entries: [
        '308 f0 len3 pad3 0faee8 @ffffffff82800000',
        '364 f0 len6 pad3 0faef00faee8 @ffffffff82800003',
      ],
    });
  });

  it('flat (6.1): one padding to the longest replacement, one instrlen', () => {
    expect(
      expand('alternative_2("", "lfence", 9*32+20, "mfence; lfence", 11*32+12)', 'flat'),
    ).toEqual({
      site: '909090909090',
      entries: [
        '308 f0 len6 pad6 0faee8 @ffffffff82800000',
        '364 f0 len6 pad0 0faef00faee8 @ffffffff82800003',
      ],
    });
  });

  it('ALT_CALL_INSTR, ALT_NOT, ALT_DIRECT_CALL and ALT_CALL_ALWAYS set flags; calls relocate per address', () => {
    expect(
      expand(
        'ALTERNATIVE_2 "call *0x40(%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS, "mov %cr2, %rax", ALT_NOT(X86_FEATURE_XENPV)',
      ),
    ).toEqual({
      site: 'ff1540000000',
      entries: [
        '117 f2 len6 pad0 e8fbffbffe @ffffffff82800000',
        `${8 * 32 + 16} f1 len6 pad0 0f20d0 @ffffffff82800005`,
      ],
    });
  });

  it('ALTERNATIVE_TERNARY is ALTERNATIVE_2(old, no, ALWAYS, yes, feature)', () => {
    expect(expand('ALTERNATIVE_TERNARY("", X86_FEATURE_SMAP, "stac", "")')).toEqual({
      site: '909090',
      entries: [
        '117 f0 len0 pad0  @ffffffff82800000',
        `${9 * 32 + 20} f0 len3 pad3 0f01cb @ffffffff82800000`,
      ],
    });
  });

  it('ALTERNATIVE_3 nests three levels', () => {
    expect(
      expand(
        'ALTERNATIVE_3 "xsave64 (%rdi)", "xsaveopt64 (%rdi)", X86_FEATURE_XSAVEOPT, "xsavec64 (%rdi)", X86_FEATURE_XSAVEC, "xsaves64 (%rdi)", X86_FEATURE_XSAVES',
      ),
    ).toEqual({
      site: '480fae27',
      entries: [
        '320 f0 len4 pad0 480fae37 @ffffffff82800000',
        '321 f0 len4 pad0 480fc727 @ffffffff82800004',
        '323 f0 len4 pad0 480fc72f @ffffffff82800008',
      ],
    });
  });

  it.each([
    ['ALTERNATIVE "lfence", "mfence"', "31: expected ',' and 1 more argument of ALTERNATIVE"],
    [
      'ALTERNATIVE "lfence", "mfence", X86_FEATURE_NOPE',
      "33: unknown feature 'X86_FEATURE_NOPE' for kernel 7.2 (expected a name such as XSAVEOPT, X86_FEATURE_XSAVEOPT or xsaveopt, or W*32+B)",
    ],
    [
      'ALTERNATIVE "lfence", "mfence %rax", 3*32+1',
      "24: replacement 1: 'mfence' does not take 1 operand",
    ],
    [
      'alternative("mov %0, %%rax", "", 3*32+1)',
      "18: inline asm operand '%0…' has no value here: write the instruction with its operands",
    ],
    ['ALTERNATIVE "lfence", "", ALT_NOT(3*32+1', "41: expected ')' to close ALT_NOT("],
    ['ALTERNATIVE "lfence" "", 3*32+1', "22: expected ',' and 2 more arguments of ALTERNATIVE"],
    ['ALTERNATIVE "jmp nowhere", "", 3*32+1', "18: original: unknown symbol 'nowhere'"],
  ])('error: %s', (text, message) => expect(expand(text)).toBe(message));

  it('C strings: %% is a literal %, adjacent strings concatenate, \\n separates', () => {
    expect(expand('alternative("mov %%cr2, %%rax\\n\\t" "lfence", "", 3*32+1)')).toEqual({
      site: '0f20d00faee8',
      entries: ['97 f0 len6 pad0  @ffffffff82800000'],
    });
  });

  it('flat refuses ALT_DIRECT_CALL (no ALT_FLAG_DIRECT_CALL before 6.8)', () => {
    expect(expand('ALTERNATIVE "call *0x40(%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS', 'flat')).toBe(
      '49: ALT_DIRECT_CALL needs a 6.8+ kernel (this profile has no ALT_FLAG_DIRECT_CALL)',
    );
  });
});

describe('macro statements in the text format', () => {
  it('a macro site becomes an ordinary site with its expansion kept', () => {
    const r = parseTextScenario(
      `kernel 7.2
symbol BUG_func 0xffffffff81400000
site 0xffffffff81001000 rdtsc_ordered+0x4
  ALTERNATIVE_2 "", "lfence", X86_FEATURE_LFENCE_RDTSC, "rdtscp", X86_FEATURE_RDTSCP   # comment
site 0xffffffff81002000
  orig 90 90 90
  alt 3*32+1 0f ae e8
`,
      undefined,
      undefined,
      { assembler },
    );
    expect(r.diagnostics).toEqual([]);
    const json = JSON.parse(toScenarioJson(r.table!));
    expect(json.sites[0]).toEqual({
      addr: '0xffffffff81001000',
      symbol: 'rdtsc_ordered+0x4',
      bytes: '909090',
      entries: [
        {
          feature: '20*32+2',
          flags: [],
          instrlen: 3,
          repl_addr: '0xffffffff82800000',
          repl: '0faee8',
        },
        {
          feature: '1*32+27',
          flags: [],
          instrlen: 3,
          repl_addr: '0xffffffff82800003',
          repl: '0f01f9',
        },
      ],
    });
    expect(json.sites[1].entries[0].repl_addr).toBe('0xffffffff82800006');
    expect(r.table!.sites[0]!.expansion!.levels.map((l) => l.padding)).toEqual([3, 0]);
  });

  it('errors point into the statement; without an assembler the macro says so', () => {
    const text = 'site 0xffffffff81001000\n  ALTERNATIVE "lfence", "bogus", 3*32+1\n';
    const bad = parseTextScenario(text, undefined, undefined, { assembler });
    expect(bad.diagnostics.map((d) => [d.location, d.message])).toEqual([
      [{ kind: 'text', line: 2, column: 26 }, "replacement 1: unknown instruction 'bogus'"],
    ]);
    const none = parseTextScenario(text);
    expect(none.diagnostics.map((d) => d.message)).toEqual([
      'ALTERNATIVE needs the assembler (iced-x86), which is not loaded yet',
    ]);
  });
});
