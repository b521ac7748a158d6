import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePermalink } from './codec';
import type { DecodeResult } from './codec';
import { readFragment } from './fragment';
import { createDefaultShareState } from './shareState';
import type { ShareState } from './shareState';

/**
 * Links that were published must open forever (STYLE habit 6). Each `fixtures/permalinks/v<N>/
 * NAME.txt` is a real link as it was handed out; `NAME.json` is what it must decode to. Never
 * regenerate these files: if a change to the codec breaks one, the change is wrong (or needs a
 * migration). Fields added after a link was made take their defaults, so the expected state is
 * laid over today's defaults before comparing.
 */

const DIR = new URL('../../fixtures/permalinks/', import.meta.url);

/** Listed, not scanned, so a missing file fails loudly; the folder check below catches strays. */
const FROZEN: Record<string, string[]> = {
  v1: [
    'default',
    'features',
    'intel-syntax',
    'selected-site',
    'multi-pass',
    'engine-override',
    'json-scenario',
    'minimal',
    'unknown-keys',
    'features-off',
    'shared-sites-tab',
    'kernel-banner',
  ],
};

function readFixture(version: string, name: string): { link: string; expected: DecodeResult } {
  const link = readFileSync(new URL(`${version}/${name}.txt`, DIR), 'utf8').trim();
  const expected = JSON.parse(
    readFileSync(new URL(`${version}/${name}.json`, DIR), 'utf8'),
  ) as DecodeResult;
  return { link, expected };
}

function withTodaysDefaults(state: ShareState): ShareState {
  const defaults = createDefaultShareState();
  return { ...defaults, ...state, view: { ...defaults.view, ...state.view } };
}

describe('frozen permalinks', () => {
  for (const [version, names] of Object.entries(FROZEN)) {
    it(`lists every file in fixtures/permalinks/${version}`, () => {
      const files = readdirSync(new URL(`${version}/`, DIR)).sort();
      expect(files).toEqual(names.flatMap((n) => [`${n}.json`, `${n}.txt`]).sort());
    });

    for (const name of names) {
      it(`${version}/${name} still opens as it did`, () => {
        const { link, expected } = readFixture(version, name);
        const hash = new URL(link).hash;
        expect(hash.startsWith(`#${version}=`)).toBe(true);
        if (!expected.ok) throw new Error(`${name}.json must describe a link that opens`);
        const want = {
          ok: true,
          state: withTodaysDefaults(expected.state),
          warnings: expected.warnings,
        };
        expect(readFragment(hash)).toEqual(want);
        expect(decodePermalink(hash.slice(1))).toEqual(want);
      });
    }
  }
});
