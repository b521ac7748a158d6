import { describe, expect, it } from 'vitest';
import { encodePermalink } from './codec';
import { buildLink, readFragment } from './fragment';
import { createDefaultShareState } from './shareState';

describe('readFragment', () => {
  it('returns null when the page has no link in its hash', () => {
    expect(readFragment('')).toBeNull();
    expect(readFragment('#')).toBeNull();
    expect(readFragment('#  ')).toBeNull();
  });

  it('decodes a link hash', () => {
    const state = { ...createDefaultShareState(), site: '0xffffffff81283cd3' };
    expect(readFragment(encodePermalink(state))).toEqual({ ok: true, state, warnings: [] });
  });

  it('returns the error of a hash that is not a link', () => {
    expect(readFragment('#top')).toEqual({
      ok: false,
      error: {
        code: 'not-a-permalink',
        message: 'not an altscope permalink: expected "#v1=…", found "top"',
      },
    });
  });
});

describe('buildLink', () => {
  const state = { ...createDefaultShareState(), scenario: 'site 0x10' };

  it('appends the fragment to the base URL', () => {
    expect(buildLink('http://127.0.0.1:5173/', state)).toEqual({
      ok: true,
      url: `http://127.0.0.1:5173/${encodePermalink(state)}`,
    });
  });

  it('replaces a fragment the base URL already had', () => {
    expect(buildLink('https://example.org/altscope/?x=1#v1=old', state)).toEqual({
      ok: true,
      url: `https://example.org/altscope/?x=1${encodePermalink(state)}`,
    });
  });

  it('builds a link at exactly the size limit, and that link opens', () => {
    // {"scenario":"…"} adds 15 bytes around the text.
    const atLimit = { ...state, scenario: 'x'.repeat((1 << 20) - 15) };
    const built = buildLink('http://h/', atLimit);
    expect(built.ok && readFragment(built.url.slice('http://h/'.length))).toEqual({
      ok: true,
      state: atLimit,
      warnings: [],
    });
  });

  it('refuses a state too large for any decoder to accept', () => {
    expect(buildLink('http://h/', { ...state, scenario: 'x'.repeat(1 << 20) })).toEqual({
      ok: false,
      error: {
        code: 'too-large',
        message: 'the shared state is 1048591 bytes of JSON; a permalink holds at most 1048576',
      },
    });
  });
});
