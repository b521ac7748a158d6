import { describe, expect, it } from 'vitest';
import {
  buildFeatureNameRegion,
  REGION_ADDR,
  SEED_BUGS,
  SEED_CAPS,
} from '../../../fixtures/hostile/kallsymsImage';
import { byteFlips } from '../mutate';
import { readRegionImage } from './regionImage';

const region = (bytes: Uint8Array) => ({ name: '.rodata', bytes, addr: REGION_ADDR });

describe('readFeatureNames', () => {
  it('reads x86_cap_flags/x86_bug_flags through kallsyms: index → name, bugs after NCAPINTS·32', () => {
    const r = readRegionImage(region(buildFeatureNameRegion()));
    expect(r.featureNames?.ncapintsX32).toBe(64);
    expect(Object.fromEntries(r.featureNames!.names)).toEqual({
      ...SEED_CAPS,
      ...Object.fromEntries(Object.entries(SEED_BUGS).map(([i, n]) => [64 + Number(i), n])),
    });
  });

  it('refuses a table with a pointer to something that is not a short name', () => {
    const bytes = buildFeatureNameRegion();
    const r = readRegionImage(region(bytes));
    const at = Number(
      r.kallsyms.ok && r.kallsyms.value.columns.lo[2]! - Number(REGION_ADDR & 0xffffffffn),
    );
    new DataView(bytes.buffer).setBigUint64(at + 8 * 5, REGION_ADDR + 3n, true);
    expect(readRegionImage(region(bytes)).featureNames).toBeUndefined();
  });

  it('mutants give names or none, never a throw', () => {
    for (const m of byteFlips(buildFeatureNameRegion(), 300, 11)) readRegionImage(region(m));
  });
});
