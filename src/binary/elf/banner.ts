import type { KernelVersion } from '../../core/model';

/** `linux_banner` prefix; the version follows it up to a space. */
const BANNER = 'Linux version ';

/** The kernel release in a banner ("7.2.13+deb14-cloud-amd64"), or undefined. */
export function parseBannerRelease(text: string): string | undefined {
  const at = text.indexOf(BANNER);
  const vm = text.indexOf('vermagic=');
  if (at < 0 && vm < 0) return undefined;
  // Modules carry the release in `.modinfo` as "vermagic=6.12.117+deb13-cloud-amd64 SMP …".
  const rest = at >= 0 ? text.slice(at + BANNER.length) : text.slice(vm + 'vermagic='.length);
  const m = /^(\d+\.\d+[^\s]*)/.exec(rest);
  return m?.[1];
}

/**
 * The altscope profile for a release: 7.x is single-pass (7.2), 6.10–6.19 multi-pass with
 * 14-byte entries (6.12). Anything else is not modelled.
 */
export function profileForRelease(release: string): KernelVersion | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major === 7) return '7.2';
  if (major === 6 && minor >= 10 && minor <= 19) return '6.12';
  return undefined;
}

/** Find "Linux version " in a byte range and decode the banner line (bounded). */
export function findBanner(bytes: Uint8Array): string | undefined {
  const needle = [...BANNER].map((c) => c.charCodeAt(0));
  let from = 0;
  for (;;) {
    const i = bytes.indexOf(needle[0] as number, from);
    if (i < 0 || i + needle.length > bytes.length) return undefined;
    let match = true;
    for (let k = 1; k < needle.length; k++) {
      if (bytes[i + k] !== needle[k]) {
        match = false;
        break;
      }
    }
    if (match) {
      let end = i;
      const stop = Math.min(bytes.length, i + 512);
      while (end < stop && bytes[end] !== 0 && bytes[end] !== 10) end++;
      return String.fromCharCode(...bytes.subarray(i, end));
    }
    from = i + 1;
  }
}
