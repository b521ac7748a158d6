import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makeCpuidFeatures } from './cpuid';

const iced = createRequire(import.meta.url)('iced-x86') as typeof import('iced-x86');
const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

describe('makeCpuidFeatures', () => {
  const cpuid = makeCpuidFeatures(iced);
  it('names the feature of each instruction in order', () => {
    // xsaveopt64 0x40(%r12); endbr64; stac; vmcall
    expect(cpuid(hex('490fae742440f30f1efa0f01cb0f01c1'), 0xffffffff81000000n)).toEqual([
      ['XSAVEOPT'],
      ['CET_IBT'],
      ['SMAP'],
      ['VMX'],
    ]);
  });
  it('tells xsavec from xsaves by ModRM.reg', () => {
    expect(cpuid(hex('490fc7642440490fc76c2440'), 0n)).toEqual([['XSAVEC'], ['XSAVES']]);
  });
  it('gives baseline features for plain x86-64 code and nothing for bad bytes', () => {
    expect(cpuid(hex('4889c7c3'), 0n)).toEqual([['X64'], ['X64']]);
    expect(cpuid(hex('06'), 0n)).toEqual([[]]);
    expect(cpuid(new Uint8Array(0), 0n)).toEqual([]);
  });
});
