import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('base64url', () => {
  it('encodes the RFC 4648 test vectors without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, coded] of vectors) {
      expect(encodeBase64url(bytes(plain))).toBe(coded);
      expect(decodeBase64url(coded)).toEqual({ ok: true, bytes: bytes(plain) });
    }
  });

  it('uses - and _ where base64 uses + and /', () => {
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(decodeBase64url('-__-')).toEqual({
      ok: true,
      bytes: new Uint8Array([0xfb, 0xff, 0xfe]),
    });
  });

  it('tolerates trailing padding', () => {
    expect(decodeBase64url('Zg==')).toEqual({ ok: true, bytes: bytes('f') });
    expect(decodeBase64url('Zm8=')).toEqual({ ok: true, bytes: bytes('fo') });
  });

  it('names the first bad character and its position', () => {
    expect(decodeBase64url('Zm9v+mFy')).toEqual({
      ok: false,
      message: "permalink payload is not valid base64url at character 5 ('+')",
    });
    expect(decodeBase64url('Zm9vYm é')).toEqual({
      ok: false,
      message: 'permalink payload is not valid base64url at character 7 (U+0020)',
    });
  });

  it('rejects a length no encoder produces', () => {
    expect(decodeBase64url('Zm9vY')).toEqual({
      ok: false,
      message: 'permalink payload is truncated: 5 characters is not a possible base64url length',
    });
  });

  it('round-trips every byte value at every length remainder', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 253; n <= 256; n++) {
      expect(decodeBase64url(encodeBase64url(all.subarray(0, n)))).toEqual({
        ok: true,
        bytes: all.subarray(0, n),
      });
    }
  });
});
