import type { Diagnostic, KernelVersion } from '../../core/model';
import { parseBannerRelease, profileForRelease } from './banner';

/** The profile to simulate and where it came from. */
export interface KernelChoice {
  version?: KernelVersion;
  release?: string;
  from: 'banner' | 'option';
}

/** `--kernel` wins; else the banner's release decides; else an error asking for `--kernel`. */
export function chooseKernel(
  bannerText: string | undefined,
  override: KernelVersion | undefined,
  diagnostics: Diagnostic[],
): KernelChoice {
  const release = bannerText ? parseBannerRelease(bannerText) : undefined;
  if (override) return { version: override, release, from: 'option' };
  const version = release ? profileForRelease(release) : undefined;
  if (!version) {
    diagnostics.push({
      severity: 'error',
      code: 'kernel-unknown',
      message: release
        ? `kernel ${release} (from its banner) is neither 7.x nor 6.10–6.19; pass --kernel 6.12 or --kernel 7.2`
        : 'no linux_banner found to tell the kernel version; pass --kernel 6.12 or --kernel 7.2',
    });
  }
  return { version, release, from: 'banner' };
}
