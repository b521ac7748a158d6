/**
 * Whether a kernel the file reader has read can show its boot passes: only an image that kept
 * the other passes' site tables (a full vmlinux, `vmlinux-passes.elf`, a vmlinuz) can. Small on
 * purpose: the file worker loads it up front, the simulation only for kernels that pass.
 */
import { hasPassTables } from '../binary/elf/bootImage';
import type { ReadKernel } from './readKernelFile';

/** A kernel ready to boot, or why its passes cannot be shown. */
export type OpenedBoot = ({ ok: true } & ReadKernel) | { ok: false; reason: string };

const NO_TABLES =
  'this image carries no boot-pass tables (.return_sites, .retpoline_sites): open a full ' +
  'vmlinux, a vmlinux-passes.elf or a vmlinuz to see every pass';

/** `kernel`, ready to boot if it has the passes' tables. */
export function bootKernelOf(kernel: ReadKernel): OpenedBoot {
  if (!hasPassTables(kernel.image.sections)) return { ok: false, reason: NO_TABLES };
  return { ok: true, ...kernel };
}
