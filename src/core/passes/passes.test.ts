import { describe, expect, it } from 'vitest';
import type { Addr } from '../model';
import { toAddr } from '../model';
import { createDecoder } from '../../disasm/node';
import { applySealEndbr } from './endbrSeal';
import { applyFtrace } from './ftrace';
import { diffImage, formatDiffRun } from './memdiff';
import { getProfile } from '../profiles';
import { applyRetpolines } from './retpolines';
import { applyReturns } from './returns';
import { applyRuntimeConsts } from './runtimeConsts';
import { applySmpLocks } from './smpLocks';
import { applyStaticCalls } from './staticCalls';
import { RegionImage } from './textImage';
import { emptyBootTables, type BootOptions, type BootTables, type PassContext } from './types';

const TEXT = 0xffffffff81000000n;
const DATA = 0xffffffff82000000n;
const a = (off: number): Addr => toAddr(TEXT + BigInt(off));
const SYMS: Record<string, bigint> = {
  _stext: TEXT,
  _text: TEXT,
  _etext: TEXT + 0x1000n,
  __fentry__: TEXT + 0x800n,
  __x86_return_thunk: TEXT + 0x900n,
  srso_return_thunk: TEXT + 0x940n,
  __x86_indirect_thunk_array: TEXT + 0xa00n,
  __static_call_return0: TEXT + 0xc00n,
  my_func: TEXT + 0xd00n,
};
const hex = (b: Uint8Array | undefined) =>
  Array.from(b ?? [], (x) => x.toString(16).padStart(2, '0')).join(' ');

/** A 4 KiB text region holding `code` at given offsets, and a data page of pointers. */
function setup(
  code: Record<number, number[]>,
  tables: Partial<BootTables>,
  features: string[] = [],
  options: BootOptions = {},
  gen: '6.12' | '7.2' = '7.2',
  data: Record<number, bigint> = {},
) {
  const text = new Uint8Array(0x1000).fill(0xcc);
  for (const [off, bytes] of Object.entries(code)) text.set(bytes, Number(off));
  const d = new Uint8Array(0x100);
  const dv = new DataView(d.buffer);
  for (const [off, v] of Object.entries(data)) dv.setBigUint64(Number(off), v, true);
  const image = new RegionImage([
    { name: '.text', addr: toAddr(TEXT), bytes: text },
    { name: '.data', addr: toAddr(DATA), bytes: d },
  ]);
  const ctx: PassContext = {
    image,
    tables: { ...emptyBootTables(), ...tables },
    has: (n) => features.includes(n),
    symbol: (n) => (SYMS[n] === undefined ? undefined : toAddr(SYMS[n] as bigint)),
    isInit: () => false,
    options,
    decoder: createDecoder(),
    style: getProfile(gen).plan.style,
  };
  return { ctx, image };
}

/** `op rel32` at `off` reaching `target` (absolute). */
const rel = (op: number, off: number, target: bigint): number[] => {
  const r = Number(BigInt.asIntN(32, target - (TEXT + BigInt(off) + 5n)));
  return [op, r & 0xff, (r >>> 8) & 0xff, (r >>> 16) & 0xff, (r >>> 24) & 0xff];
};

describe('returns', () => {
  it('turns jmp __x86_return_thunk into ret; int3 without RETHUNK', () => {
    const { ctx, image } = setup(
      { 0x10: rel(0xe9, 0x10, SYMS['__x86_return_thunk']!) },
      {
        returnSites: [a(0x10)],
      },
    );
    const recs = applyReturns(ctx);
    expect(recs.map((r) => r.what)).toEqual(['ret; int3']);
    expect(hex(image.read(a(0x10), 5))).toBe('c3 cc cc cc cc');
  });

  it('jumps to the chosen thunk with RETHUNK (SRSO default, or --return-thunk)', () => {
    const { ctx, image } = setup(
      { 0x10: rel(0xe9, 0x10, SYMS['__x86_return_thunk']!) },
      { returnSites: [a(0x10)] },
      ['RETHUNK', 'SRSO'],
    );
    applyReturns(ctx);
    expect(hex(image.read(a(0x10), 5))).toBe(
      hex(Uint8Array.from(rel(0xe9, 0x10, SYMS['srso_return_thunk']!))),
    );
  });

  it('leaves (and records) a site that does not jump to the return thunk', () => {
    const { ctx, image } = setup(
      { 0x10: [0x90, 0x90, 0x90, 0x90, 0x90] },
      { returnSites: [a(0x10)] },
    );
    expect(applyReturns(ctx)[0]?.what).toBe('missing return thunk (the kernel warns)');
    expect(hex(image.read(a(0x10), 5))).toBe('90 90 90 90 90');
  });
});

describe('retpolines', () => {
  const thunk = (reg: number) => SYMS['__x86_indirect_thunk_array']! + BigInt(32 * reg);
  it('keeps the thunk call with spectre_v2=retpoline', () => {
    const { ctx, image } = setup(
      { 0x20: rel(0xe8, 0x20, thunk(0)) },
      { retpolineSites: [a(0x20)] },
      ['RETPOLINE'],
    );
    expect(applyRetpolines(ctx)[0]?.what).toBe('retpoline kept (spectre_v2=retpoline)');
    expect(hex(image.read(a(0x20), 5))).toBe(hex(Uint8Array.from(rel(0xe8, 0x20, thunk(0)))));
  });

  it('7.x: call *%r11 padded with a cs prefix when the thunk is not needed', () => {
    const { ctx, image } = setup(
      { 0x20: rel(0xe8, 0x20, thunk(11)) },
      { retpolineSites: [a(0x20)] },
    );
    expect(applyRetpolines(ctx)[0]?.what).toBe('call *%r11');
    expect(hex(image.read(a(0x20), 5))).toBe('2e 2e 41 ff d3');
  });

  it('RETPOLINE_LFENCE: jcc becomes an inverted jcc over lfence; jmp *%rax', () => {
    const r = rel(0x84, 0x31, thunk(0)); // je rel32 at 0x30 (0f 84)
    const { ctx, image } = setup({ 0x30: [0x0f, ...r] }, { retpolineSites: [a(0x30)] }, [
      'RETPOLINE',
      'RETPOLINE_LFENCE',
    ]);
    applyRetpolines(ctx);
    expect(hex(image.read(a(0x30), 6))).toBe('75 04 0f ae e8 ff');
  });
});

describe('ENDBR sealing', () => {
  it('writes the generation’s poison over endbr64', () => {
    for (const [gen, poison] of [
      ['7.2', '0f 1f 40 d6'],
      ['6.12', '66 0f 1f 00'],
    ] as const) {
      const { ctx, image } = setup(
        { 0x40: [0xf3, 0x0f, 0x1e, 0xfa] },
        { endbrSeal: [a(0x40)] },
        [],
        {},
        gen,
      );
      applySealEndbr(ctx);
      expect(hex(image.read(a(0x40), 4))).toBe(poison);
    }
  });
});

describe('ftrace', () => {
  it('NOPs call __fentry__ and stops at the first site that is not one', () => {
    const { ctx, image } = setup(
      {
        0x50: rel(0xe8, 0x50, SYMS['__fentry__']!),
        0x60: [0x90, 0x90, 0x90, 0x90, 0x90],
        0x70: rel(0xe8, 0x70, SYMS['__fentry__']!),
      },
      { mcountLoc: [0n as Addr, a(0x50), a(0x60), a(0x70)] },
    );
    const recs = applyFtrace(ctx);
    expect(recs.map((r) => r.what)).toEqual([
      'call __fentry__ → nop',
      'ftrace bug: not a call to __fentry__ (ftrace stops here)',
    ]);
    expect(hex(image.read(a(0x50), 5))).toBe('0f 1f 44 00 00');
    expect(hex(image.read(a(0x70), 1))).toBe('e8');
  });
});

describe('static calls', () => {
  const key = (off: number) => toAddr(DATA + BigInt(off));
  it('call to the key’s function, NOP for NULL, xor %eax,%eax for return0, ret for a NULL tail call', () => {
    const tramp = TEXT + 0xe00n;
    const { ctx, image } = setup(
      {
        0x80: rel(0xe8, 0x80, tramp),
        0x88: rel(0xe8, 0x88, tramp),
        0x90: rel(0xe8, 0x90, tramp),
        0x98: rel(0xe9, 0x98, tramp),
      },
      {
        staticCallSites: [
          { addr: a(0x80), key: key(0), tail: false },
          { addr: a(0x88), key: key(8), tail: false },
          { addr: a(0x90), key: key(16), tail: false },
          { addr: a(0x98), key: key(8), tail: true },
        ],
      },
      [],
      {},
      '7.2',
      { 0: SYMS['my_func']!, 8: 0n, 16: SYMS['__static_call_return0']! },
    );
    applyStaticCalls(ctx);
    expect(hex(image.read(a(0x80), 5))).toBe(
      hex(Uint8Array.from(rel(0xe8, 0x80, SYMS['my_func']!))),
    );
    expect(hex(image.read(a(0x88), 5))).toBe('0f 1f 44 00 00');
    expect(hex(image.read(a(0x90), 5))).toBe('2e 2e 2e 31 c0');
    expect(hex(image.read(a(0x98), 5))).toBe('c3 cc cc cc cc');
  });
});

describe('SMP locks and runtime constants', () => {
  it('keeps lock prefixes on SMP and writes ds on UP', () => {
    for (const [cpus, byte] of [
      [2, 'f0'],
      [1, '3e'],
    ] as const) {
      const { ctx, image } = setup(
        { 0xa0: [0xf0, 0x0f, 0xb1, 0x17] },
        { smpLocks: [a(0xa0)] },
        [],
        { cpus },
      );
      applySmpLocks(ctx);
      expect(hex(image.read(a(0xa0), 1))).toBe(byte);
    }
  });

  it('USER_PTR_MAX is derived; a hash table address is reported as unknowable', () => {
    const movabs = [0x48, 0xb8, 0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01];
    const { ctx, image } = setup(
      { 0xb0: movabs, 0xc0: movabs },
      {
        runtimeConsts: [
          { kind: 'ptr', name: 'USER_PTR_MAX', addr: a(0xb2) },
          { kind: 'ptr', name: 'dentry_hashtable', addr: a(0xc2) },
        ],
      },
    );
    const recs = applyRuntimeConsts(ctx);
    expect(hex(image.read(a(0xb2), 8))).toBe('00 f0 ff ff ff 7f 00 00');
    expect(recs[1]).toMatchObject({
      unknowable: true,
      what: 'dentry_hashtable: known only on the booted machine',
    });
    expect(formatDiffRun(diffImage(image, [{ addr: TEXT, len: 0x1000 }])[0]!)).toBe(
      'ffffffff810000b2 00f0ffffff7f0000',
    );
  });
});
