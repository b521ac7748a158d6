import { describe, expect, it } from 'vitest';
import { readPublicUrl } from './publicUrl';

describe('readPublicUrl', () => {
  it('keeps an absolute http(s) address as written; unset or blank is unset', () => {
    expect(readPublicUrl('https://altscope.example.org/app/')).toEqual({
      ok: true,
      url: 'https://altscope.example.org/app/',
    });
    expect(readPublicUrl(' http://10.0.0.2:8080/ ')).toEqual({
      ok: true,
      url: 'http://10.0.0.2:8080/',
    });
    expect(readPublicUrl(undefined)).toEqual({ ok: true, url: '' });
    expect(readPublicUrl('  ')).toEqual({ ok: true, url: '' });
  });

  it('refuses what would give dead links, saying why', () => {
    expect(readPublicUrl('altscope.example.org')).toEqual({
      ok: false,
      message: 'ALTSCOPE_PUBLIC_URL is not an absolute URL: "altscope.example.org"',
    });
    expect(readPublicUrl('file:///srv/altscope/')).toEqual({
      ok: false,
      message: 'ALTSCOPE_PUBLIC_URL must be http(s), not file:',
    });
    expect(readPublicUrl('https://x.example/#v1=abc')).toEqual({
      ok: false,
      message: 'ALTSCOPE_PUBLIC_URL must not have a #fragment: "https://x.example/#v1=abc"',
    });
  });
});
