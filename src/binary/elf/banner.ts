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
 * Releases whose alternatives rules were confirmed from their sources, and the profile that
 * reproduces them: 6.1 (12-byte entries); 6.10 is the first with nested macros and 6.19 the
 * last 6.x, both like 6.12; 7.0–7.2 run 7.2's single pass; 7.3 differs from 7.2 only in its
 * features. 6.2–6.9 lie between generations (6.3 widened the entry, 6.4 added relocation,
 * 6.8 DIRECT_CALL) and are refused.
 */
const RELEASE_PROFILES: readonly {
  major: number;
  from: number;
  to: number;
  profile: KernelVersion;
}[] = [
  { major: 6, from: 1, to: 1, profile: '6.1' },
  { major: 6, from: 10, to: 19, profile: '6.12' },
  { major: 7, from: 0, to: 2, profile: '7.2' },
  { major: 7, from: 3, to: 3, profile: '7.3' },
];

const majorMinor = (release: string): [number, number] | undefined => {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};

/** The altscope profile for a release, or undefined when its rules were not confirmed. */
export function profileForRelease(release: string): KernelVersion | undefined {
  const v = majorMinor(release);
  if (!v) return undefined;
  return RELEASE_PROFILES.find((r) => r.major === v[0] && v[1] >= r.from && v[1] <= r.to)?.profile;
}

/**
 * The profile closest in rules to an unconfirmed release: up to 6.2 the 12-byte 6.1 layout,
 * 6.3–6.9 the 14-byte 6.12 one, anything after 7.3 the newest.
 */
export function nearestProfile(release: string): KernelVersion {
  const v = majorMinor(release) ?? [0, 0];
  const n = v[0] * 100 + v[1];
  if (n <= 602) return '6.1';
  if (n < 700) return '6.12';
  return n <= 702 ? '7.2' : '7.3';
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
