import { describe, expect, it } from 'vitest';
import { decodePermalink, encodePermalink } from './codec';
import type { DecodeResult } from './codec';
import { createRandom, pickInt } from './seededRandom.testutil';
import { createDefaultShareState } from './shareState';

/**
 * Whatever string arrives in a URL, decoding returns a state or an error: never a throw, and
 * never an internal error (which would mean an exception escaped a stage). Seeded, so a failure
 * replays exactly; the seed and the input are in the assertion message.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function expectResultOrError(fragment: string, res: DecodeResult, what: string): void {
  if (res.ok) {
    expect(res.state.kernel === '7.2' || res.state.kernel === '6.12', what).toBe(true);
  } else {
    expect(res.error.code, `${what}: ${fragment.slice(0, 80)} → ${res.error.message}`).not.toBe(
      'internal',
    );
    expect(res.error.message.length, what).toBeGreaterThan(10);
  }
}

function validLink(rand: () => number): string {
  const s = createDefaultShareState();
  s.scenario = `site 0x${pickInt(rand, 1 << 30).toString(16)}\n  orig 49 0f ae 64 24 40\n`.repeat(
    1 + pickInt(rand, 20),
  );
  s.features = ['XSAVEC', 'X86_FEATURE_XSAVES'].slice(0, pickInt(rand, 3));
  s.view.syntax = rand() < 0.5 ? 'att' : 'intel';
  return encodePermalink(s);
}

describe('decodePermalink under fuzzing', () => {
  it('handles 2000 random strings', () => {
    const rand = createRandom(1);
    for (let i = 0; i < 2000; i++) {
      const n = pickInt(rand, 120);
      let body = '';
      for (let j = 0; j < n; j++)
        body += rand() < 0.95 ? B64[pickInt(rand, 64)] : String.fromCharCode(pickInt(rand, 0x3000));
      const fragment = rand() < 0.8 ? `#v1=${body}` : body;
      expectResultOrError(fragment, decodePermalink(fragment), `random #${i}`);
    }
  });

  it('handles 3000 mutations of valid links (flips, insertions, deletions)', () => {
    const rand = createRandom(2);
    let decodedOk = 0;
    for (let i = 0; i < 3000; i++) {
      const chars = [...validLink(rand)];
      const edits = 1 + pickInt(rand, 3);
      for (let e = 0; e < edits; e++) {
        const at = 4 + pickInt(rand, chars.length - 4);
        const kind = pickInt(rand, 3);
        if (kind === 0) chars[at] = B64[pickInt(rand, 64)]!;
        else if (kind === 1) chars.splice(at, 0, B64[pickInt(rand, 64)]!);
        else chars.splice(at, 1);
      }
      const fragment = chars.join('');
      const res = decodePermalink(fragment);
      if (res.ok) decodedOk++;
      expectResultOrError(fragment, res, `mutation #${i}`);
    }
    // Mutations must mostly be caught; a few land in scenario text and still decode, which is fine.
    expect(decodedOk).toBeLessThan(1500);
  });

  it('handles every truncation of a valid link', () => {
    const link = validLink(createRandom(3));
    for (let end = 0; end < link.length; end++) {
      const res = decodePermalink(link.slice(0, end));
      expect(res.ok, `truncated at ${end}`).toBe(false);
      expectResultOrError(link.slice(0, end), res, `truncated at ${end}`);
    }
  });
});
