import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/model';
import { nearestProfile, profileForRelease } from './banner';
import { chooseKernel } from './kernelVersion';

describe('version → profile from the banner', () => {
  it.each([
    ['6.1.0-57-cloud-amd64', '6.1'],
    ['6.1.192', '6.1'],
    ['6.10.0', '6.12'],
    ['6.12.117+deb13-cloud-amd64', '6.12'],
    ['6.19.3', '6.12'],
    ['7.0.1', '7.2'],
    ['7.2.13+deb14-cloud-amd64', '7.2'],
    ['7.3.0-1-amd64', '7.3'],
  ])('%s → %s', (release, profile) => {
    expect(profileForRelease(release)).toBe(profile);
  });

  it.each([['5.10.0'], ['6.2.0'], ['6.5.7'], ['6.9.12'], ['7.4.0'], ['8.0']])(
    '%s has no confirmed profile',
    (release) => {
      expect(profileForRelease(release)).toBeUndefined();
    },
  );

  it('refuses an unconfirmed version naming the nearest profile and --kernel', () => {
    const diagnostics: Diagnostic[] = [];
    const c = chooseKernel('Linux version 6.5.0-1-amd64 (gcc …)', undefined, diagnostics);
    expect(c.version).toBeUndefined();
    expect(diagnostics.map((d) => d.message)).toEqual([
      'kernel 6.5.0-1-amd64 (from its banner) has no confirmed profile (6.1, 6.10–6.19, 7.0–7.3); the nearest is 6.12: pass --kernel 6.12 to use its rules',
    ]);
    expect([nearestProfile('5.15.0'), nearestProfile('6.2.1'), nearestProfile('7.4.0')]).toEqual([
      '6.1',
      '6.1',
      '7.3',
    ]);
  });

  it('--kernel wins over the banner', () => {
    const diagnostics: Diagnostic[] = [];
    const c = chooseKernel('Linux version 6.5.0 (gcc)', '6.1', diagnostics);
    expect([c.version, c.from, diagnostics]).toEqual(['6.1', 'option', []]);
  });
});
