/**
 * The public address of a published altscope (ALTSCOPE_PUBLIC_URL): read by `vite build` so
 * "Copy link" points there rather than at the sender's own server, and by `altscope link` as its
 * default base. Checked once, where it is read, so a typo fails the build instead of every link.
 */

export type PublicUrlRead = { ok: true; url: string } | { ok: false; message: string };

/** `''` (unset) stays unset; otherwise an absolute http(s) URL without a fragment. */
export function readPublicUrl(raw: string | undefined): PublicUrlRead {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, url: '' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `ALTSCOPE_PUBLIC_URL is not an absolute URL: "${text}"` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: `ALTSCOPE_PUBLIC_URL must be http(s), not ${url.protocol}` };
  if (url.hash !== '' || text.includes('#'))
    return { ok: false, message: `ALTSCOPE_PUBLIC_URL must not have a #fragment: "${text}"` };
  return { ok: true, url: text };
}
