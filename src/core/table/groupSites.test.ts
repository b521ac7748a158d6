import { describe, expect, it } from 'vitest';
import type { AltEntry } from '../model';
import { toAddr, toFeatureIndex } from '../model';
import { groupSites, siteLength } from './groupSites';

const e = (instr: bigint, instrlen: number, tableIndex: number): AltEntry => ({
  instr: toAddr(instr),
  repl: toAddr(0n),
  cpuid: toFeatureIndex(117),
  flags: 0,
  instrlen,
  replacementlen: 0,
  replacement: new Uint8Array(0),
  tableIndex,
});

describe('groupSites', () => {
  it('groups consecutive same-address entries only, in table order', () => {
    const groups = groupSites([e(0x10n, 3, 0), e(0x10n, 6, 1), e(0x20n, 5, 2), e(0x10n, 2, 3)]);
    expect(groups.map((g) => g.map((x) => x.tableIndex))).toEqual([[0, 1], [2], [3]]);
    expect(groups.map(siteLength)).toEqual([6, 5, 2]);
  });
});
