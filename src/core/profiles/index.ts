import type { KernelVersion } from '../model';
import { KERNEL_61 } from './kernel61';
import { KERNEL_612 } from './kernel612';
import { KERNEL_72 } from './kernel72';
import { KERNEL_73 } from './kernel73';
import type { KernelProfile } from './types';

/** Every profile, oldest first (the order the app and `--kernel` list them). */
export const PROFILES: readonly KernelProfile[] = [KERNEL_61, KERNEL_612, KERNEL_72, KERNEL_73];

const byVersion = new Map<string, KernelProfile>(PROFILES.map((p) => [p.version, p]));

/** The profile of a kernel version (every `KernelVersion` has one). */
export function getProfile(kernel: KernelVersion): KernelProfile {
  const p = byVersion.get(kernel);
  if (!p) throw new Error(`no kernel profile '${String(kernel)}'`);
  return p;
}

export type { KernelProfile, SiteLoopKind } from './types';
