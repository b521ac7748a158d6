import { KERNEL_VERSIONS } from '../core/model';
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url';
import { decodePermalink, encodePermalink } from './codec';
import { deflateBytes } from './deflate';
import { createRandom, pickInt } from './seededRandom.testutil';
import type { ShareState } from './shareState';
import { createDefaultShareState } from './shareState';

const payloadOf = (json: string) => encodeBase64url(deflateBytes(new TextEncoder().encode(json)));

function randomText(rand: () => number, maxLen: number): string {
  const pool = [
    'site ',
    '0x',
    'ff',
    '\n',
    'XSAVE',
    ' ',
    '# é',
    '"',
    '\\',
    '{',
    '}',
    '\u0000',
    '🙂',
    '\ud800',
  ];
  let s = '';
  const n = pickInt(rand, maxLen);
  for (let i = 0; i < n; i++) s += pool[pickInt(rand, pool.length)]!;
  return s;
}

function randomState(rand: () => number): ShareState {
  const s = createDefaultShareState();
  if (rand() < 0.8) s.scenario = randomText(rand, 200);
  s.features = Array.from({ length: pickInt(rand, 4) }, () => randomText(rand, 5));
  s.kernel = KERNEL_VERSIONS[pickInt(rand, KERNEL_VERSIONS.length)]!;
  s.engine = rand() < 0.5 ? 'single-pass' : 'multi-pass';
  if (rand() < 0.5) s.site = `0x${pickInt(rand, 2 ** 32).toString(16)}`;
  s.sites = Array.from(
    { length: pickInt(rand, 3) },
    () => `.text+0x${pickInt(rand, 4096).toString(16)}`,
  );
  s.view = {
    syntax: rand() < 0.5 ? 'att' : 'intel',
    teachingMode: rand() < 0.5,
    compareLoops: rand() < 0.5,
  };
  return s;
}

describe('encodePermalink', () => {
  it('writes the default state as an empty v1 document', () => {
    expect(encodePermalink(createDefaultShareState())).toBe(`#v1=${payloadOf('{}')}`);
  });

  it('writes only non-default fields, with readable keys in a fixed order', () => {
    const state = createDefaultShareState();
    state.view.syntax = 'intel';
    state.features = ['XSAVEC'];
    state.kernel = '6.12';
    state.engine = 'multi-pass';
    expect(encodePermalink(state)).toBe(
      `#v1=${payloadOf('{"features":["XSAVEC"],"kernel":"6.12","view":{"syntax":"intel"}}')}`,
    );
  });

  it('writes featuresOff after features, and omits it when empty', () => {
    const state = createDefaultShareState();
    state.featuresOff = [];
    expect(encodePermalink(state)).toBe(`#v1=${payloadOf('{}')}`);
    state.features = ['XSAVES'];
    state.featuresOff = ['XSAVEC'];
    expect(encodePermalink(state)).toBe(
      `#v1=${payloadOf('{"features":["XSAVES"],"featuresOff":["XSAVEC"]}')}`,
    );
  });

  it("omits the engine when it is the kernel's own loop, keeps it otherwise", () => {
    const state = createDefaultShareState();
    state.kernel = '6.12';
    state.engine = 'multi-pass';
    expect(encodePermalink(state)).toBe(`#v1=${payloadOf('{"kernel":"6.12"}')}`);
    state.engine = 'single-pass';
    expect(encodePermalink(state)).toBe(
      `#v1=${payloadOf('{"kernel":"6.12","engine":"single-pass"}')}`,
    );
  });
});

describe('the v1 payload', () => {
  it('is readable JSON to any raw-inflate tool', () => {
    const state = { ...createDefaultShareState(), scenario: 'site 0x10', sites: ['0x10'] };
    const payload = encodePermalink(state).slice('#v1='.length);
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(
      inflateSync(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))),
    );
    expect(json).toBe('{"scenario":"site 0x10","sites":["0x10"]}');
  });
});

describe('decodePermalink', () => {
  it('round-trips 500 seeded random states exactly', () => {
    const rand = createRandom(0x5eed);
    for (let i = 0; i < 500; i++) {
      const state = randomState(rand);
      // Lone surrogates cannot survive UTF-8; JSON.stringify escapes them, so they do.
      expect(decodePermalink(encodePermalink(state))).toEqual({ ok: true, state, warnings: [] });
    }
  });

  it('accepts the fragment with or without its #', () => {
    const link = encodePermalink({ ...createDefaultShareState(), site: '0x10' });
    const expected = {
      ok: true,
      state: { ...createDefaultShareState(), site: '0x10' },
      warnings: [],
    };
    expect(decodePermalink(link)).toEqual(expected);
    expect(decodePermalink(link.slice(1))).toEqual(expected);
  });

  it.each([
    ['', 'not-a-permalink', 'not an altscope permalink: expected "#v1=…", found ""'],
    [
      '#scenario=abc',
      'not-a-permalink',
      'not an altscope permalink: expected "#v1=…", found "scenario=abc"',
    ],
    [
      '#v2=AAAA',
      'unsupported-version',
      'permalink version 2 is newer than this altscope understands (newest: 1)',
    ],
    ['#v0=AAAA', 'unsupported-version', 'permalink version 0 is not a known version (newest: 1)'],
    ['#v1=q1YqSi3O', 'bad-deflate', 'permalink payload is not valid DEFLATE data (unexpected EOF)'],
    [
      '#v1=q1Yq.Si3O',
      'bad-base64',
      "permalink payload is not valid base64url at character 5 ('.')",
    ],
    [
      '#v1=q',
      'bad-base64',
      'permalink payload is truncated: 1 characters is not a possible base64url length',
    ],
  ])('rejects %j with %s', (fragment, code, message) => {
    expect(decodePermalink(fragment)).toEqual({ ok: false, error: { code, message } });
  });

  it('rejects a payload that is not JSON, or not UTF-8', () => {
    expect(decodePermalink(`#v1=${payloadOf('{"kernel":')}`)).toMatchObject({
      ok: false,
      error: { code: 'bad-json' },
    });
    const latin1 = encodeBase64url(deflateBytes(new Uint8Array([0x7b, 0xe9, 0x7d])));
    expect(decodePermalink(`#v1=${latin1}`)).toEqual({
      ok: false,
      error: { code: 'bad-utf8', message: 'permalink payload is not valid UTF-8 text' },
    });
  });

  it('names the key of a wrong field', () => {
    expect(decodePermalink(`#v1=${payloadOf('{"kernel":"6.6"}')}`)).toEqual({
      ok: false,
      error: {
        code: 'bad-field',
        message: 'permalink JSON: key "kernel" must be "6.1", "6.12", "7.2" or "7.3", not "6.6"',
      },
    });
  });

  it('opens links to the 6.1 and 7.3 profiles, with their own default loops', () => {
    for (const [kernel, engine] of [
      ['6.1', 'multi-pass'],
      ['7.3', 'single-pass'],
    ] as const) {
      const state = createDefaultShareState();
      state.kernel = kernel;
      state.engine = engine;
      const link = encodePermalink(state);
      expect(link).toBe(`#v1=${payloadOf(`{"kernel":"${kernel}"}`)}`);
      const back = decodePermalink(link);
      expect(back.ok && [back.state.kernel, back.state.engine]).toEqual([kernel, engine]);
    }
  });

  it('refuses a payload that inflates past 1 MiB', () => {
    const big = JSON.stringify({ scenario: ' '.repeat(1 << 20) });
    expect(decodePermalink(`#v1=${payloadOf(big)}`)).toEqual({
      ok: false,
      error: {
        code: 'too-large',
        message: 'permalink payload inflates to more than 1048576 bytes; refusing to open it',
      },
    });
  });

  it('refuses an over-long payload before decoding it', () => {
    const res = decodePermalink(`#v1=${'A'.repeat(1_600_000)}`);
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'too-large',
        message: 'permalink payload is 1600000 characters long (at most 1500000)',
      },
    });
  });

  it('survives deeply nested JSON without throwing', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const res = decodePermalink(`#v1=${payloadOf(deep)}`);
    expect(res.ok).toBe(false);
  });
});
