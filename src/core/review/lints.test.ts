import { afterAll, describe, expect, it } from 'vitest';
import { makeReviewDeps } from '../../../fixtures/review/deps';
import {
  ALWAYS,
  FA,
  FB,
  makeSite,
  makeTable,
  orderingBugSite,
  pvReadCr2Site,
  REPL,
  TEXT,
  XENPV,
  xsaveSite,
  XSAVEOPT,
} from '../../../fixtures/review/tables';
import { toAddr } from '../model';
import { describeLint, lintTable } from './lints';

const deps = makeReviewDeps('7.2');
afterAll(() => deps.dispose());

const le32 = (v: bigint) => {
  const x = BigInt.asUintN(32, v);
  return [0, 8, 16, 24]
    .map((s) =>
      Number((x >> BigInt(s)) & 0xffn)
        .toString(16)
        .padStart(2, '0'),
    )
    .join(' ');
};
const lint = (
  sites: ReturnType<typeof makeSite>[],
  features: number[] = [],
  kernel: '6.12' | '7.2' = '7.2',
  extra = {},
) =>
  lintTable(makeTable(kernel, sites, features), { ...deps, ...extra }).map((f) => [
    f.code,
    f.entry ?? null,
    f.message,
  ]);

describe('lints that must stay quiet', () => {
  it('finds nothing on well-formed sites (XSAVE family, paravirt)', () => {
    expect(lint([xsaveSite()])).toEqual([]);
    expect(lint([pvReadCr2Site()])).toEqual([]);
    expect(lint([pvReadCr2Site()], [XENPV])).toEqual([]);
  });
});

describe('cpuid-mismatch', () => {
  it('flags a replacement needing a feature its entry does not imply', () => {
    const site = makeSite(TEXT, '49 0f ae 64 24 40', [
      { feature: XSAVEOPT, instrlen: 6, repl: '49 0f c7 6c 24 40' }, // xsaves64 under XSAVEOPT
    ]);
    expect(lint([site])).toEqual([
      [
        'cpuid-mismatch',
        0,
        'entry #0 (XSAVEOPT): `xsaves64 0x40(%r12)` at +0 needs XSAVES, not implied by XSAVEOPT',
      ],
    ]);
  });
  it('accepts implied and baseline instructions, and flags NOT entries using non-baseline ones', () => {
    const ok = makeSite(TEXT, '90 90 90', [{ feature: FA, instrlen: 3, repl: '0f 01 cb' }]); // stac under SMAP (9*32+20)
    expect(lint([ok])).toEqual([]);
    const notSmap = makeSite(TEXT, '90 90 90', [
      { feature: FA, flags: 1, instrlen: 3, repl: '0f 01 cb' },
    ]);
    expect(lint([notSmap])).toEqual([
      [
        'cpuid-mismatch',
        0,
        'entry #0 (NOT SMAP): `stac` at +0 needs SMAP, not implied by NOT SMAP',
      ],
    ]);
  });
});

describe('replacement-too-long, never-wins, bad-decode', () => {
  it('flags a replacement longer than the site', () => {
    const site = makeSite(TEXT, '90 90 90', [{ feature: FA, instrlen: 3, repl: '0f 1f 44 00 00' }]);
    expect(lint([site]).filter((f) => f[0] === 'replacement-too-long')).toEqual([
      ['replacement-too-long', 0, 'entry #0: replacementlen 5 exceeds the 3-byte site'],
    ]);
  });
  it('flags entries a later entry always shadows, not those that can win', () => {
    const shadowed = makeSite(TEXT, '90 90 90', [
      { feature: FA, instrlen: 3, repl: '0f ae e8' },
      { feature: FB, instrlen: 3, repl: '0f ae f0' },
      { feature: FA, instrlen: 3, repl: '0f ae f8' },
    ]);
    expect(lint([shadowed])).toEqual([
      [
        'never-wins',
        0,
        'entry #0 (SMAP) is never the last eligible entry: a later entry is always eligible when it is',
      ],
    ]);
    const always = makeSite(TEXT, '90 90 90', [
      { feature: FA, instrlen: 3, repl: '0f ae e8' },
      { feature: ALWAYS, instrlen: 3, repl: '0f ae f0' },
    ]);
    expect(lint([always]).map((f) => f[0])).toEqual(['never-wins']);
  });
  it('flags original bytes that run past the site end and invalid replacement bytes', () => {
    const site = makeSite(TEXT, '90 e8 00 00', [{ feature: FA, instrlen: 4, repl: '06' }]);
    expect(lint([site], [])).toEqual([
      ['bad-decode', null, 'original bytes do not decode cleanly: invalid instruction at +1'],
      [
        'bad-decode',
        0,
        'entry #0 replacement bytes do not decode cleanly: invalid instruction at +0',
      ],
      ['bad-decode', null, 'final bytes do not decode cleanly: invalid instruction at +1'],
    ]);
  });
});

describe('branch-into-site, branch-into-aux', () => {
  const AUX = 0xffffffff83a28894n;
  const sections = [{ name: '.altinstr_aux', start: toAddr(AUX), end: toAddr(AUX + 0x100n) }];
  it('flags a relocated jump into the middle of the site, not one to its end', () => {
    const into = makeSite(TEXT, '90 90 90 90 90 90', [
      { feature: FA, instrlen: 6, repl: `e9 ${le32(TEXT + 2n - (REPL + 5n))}` },
    ]);
    expect(lint([into])).toEqual([
      [
        'branch-into-site',
        0,
        'entry #0: branch at +0 of the replacement lands at +2 inside the 6-byte site',
      ],
    ]);
    const toEnd = makeSite(TEXT, '90 90 90 90 90 90', [
      { feature: FA, instrlen: 6, repl: `e9 ${le32(TEXT + 6n - (REPL + 5n))}` },
    ]);
    expect(lint([toEnd])).toEqual([]);
  });
  it('flags a relocated call into .altinstr_aux when the section ranges are known', () => {
    const site = makeSite(TEXT, '90 90 90 90 90', [
      { feature: FA, instrlen: 5, repl: `e8 ${le32(AUX + 0x10n - (REPL + 5n))}` },
    ]);
    expect(lint([site])).toEqual([]);
    expect(lint([site], [], '7.2', { sections })).toEqual([
      [
        'branch-into-aux',
        0,
        'entry #0: branch at +0 of the replacement is relocated to 0xffffffff83a288a4 in .altinstr_aux (freed after boot)',
      ],
    ]);
  });
  it('flags final bytes that still branch into .altinstr_aux', () => {
    const site = makeSite(TEXT, `e9 ${le32(AUX - (TEXT + 5n))}`, [
      { feature: FA, instrlen: 5, repl: '0f 1f 44 00 00' },
    ]);
    expect(lint([site], [], '7.2', { sections })).toEqual([
      [
        'branch-into-aux',
        null,
        'the patched site still branches at +0 to 0xffffffff83a28894 in .altinstr_aux (freed after boot)',
      ],
    ]);
    expect(lint([site], [FA], '7.2', { sections })).toEqual([]);
  });
});

describe('kernel-bug diagnostics', () => {
  it('passes the core BUG through under multi-pass only', () => {
    expect(lint([orderingBugSite()], [XENPV], '6.12')).toEqual([
      [
        'kernel-bug-direct-call-original',
        null,
        'ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
      ],
    ]);
    expect(lint([orderingBugSite()], [XENPV], '7.2')).toEqual([]);
    expect(describeLint('kernel-bug-direct-call-original').title).toBe(
      'the kernel would BUG() here',
    );
  });
});

describe('never-wins on a deliberately disabled entry', () => {
  it('reports ALT_NOT(ALWAYS) as info, as FILL_RETURN_BUFFER emits it', () => {
    const site = makeSite(TEXT, 'eb 04 90 90 90 90', [
      { feature: FA, instrlen: 6, repl: '0f ae e8' },
      { feature: ALWAYS, flags: 1, instrlen: 6, repl: '90 90 0f ae e8' },
    ]);
    const found = lintTable(makeTable('7.2', [site]), deps);
    expect(found.map((f) => [f.code, f.severity, f.message])).toEqual([
      [
        'never-wins',
        'info',
        "entry #1 (NOT ALWAYS) is never eligible: the macros' way to switch an alternative off",
      ],
    ]);
  });
});
