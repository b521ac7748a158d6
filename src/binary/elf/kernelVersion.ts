import { KERNEL_VERSIONS, type Diagnostic, type KernelVersion } from '../../core/model';
import { nearestProfile, parseBannerRelease, profileForRelease } from './banner';

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
        ? `kernel ${release} (from its banner) has no confirmed profile (6.1, 6.10–6.19, 7.0–7.3); the nearest is ${nearestProfile(release)}: pass --kernel ${nearestProfile(release)} to use its rules`
        : `no linux_banner found to tell the kernel version; pass --kernel ${KERNEL_VERSIONS.join(', --kernel ')}`,
    });
  }
  return { version, release, from: 'banner' };
}
