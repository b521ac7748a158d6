import { describe, expect, it } from 'vitest';
import { buildAppLink, isEmbedUrl } from './embedRoute';

describe('embed route', () => {
  it('recognises ?embed with or without a value, and nothing else', () => {
    expect(
      ['?embed', '?embed=1', '?x=2&embed', '', '?embedded', '?x=embed'].map(isEmbedUrl),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('links to the full app with the same fragment', () => {
    expect(buildAppLink('http://127.0.0.1:4173/?embed#v1=abc')).toBe(
      'http://127.0.0.1:4173/#v1=abc',
    );
    expect(buildAppLink('https://h/altscope/?a=1&embed=1#v1=x')).toBe(
      'https://h/altscope/?a=1#v1=x',
    );
  });
});
