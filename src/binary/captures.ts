/**
 * Test helper: the shared reference captures (real Debian kernels booted in QEMU), decompressed
 * once per test file. Absent captures make the tests skip with a message.
 */
// Test-only (imported by *.test.ts and bench), so Node APIs are fine here.
// eslint-disable-next-line no-restricted-imports
import { execFileSync } from 'node:child_process';
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';

import { CAPTURES_DIR } from '../../fixtures/sharedDir';

export const CAPTURES = CAPTURES_DIR;
export const CAPTURE_KERNELS = ['debian-trixie-6.12.117', 'debian-sid-7.2.13'] as const;
export type CaptureKernel = (typeof CAPTURE_KERNELS)[number];
/** Capture folders, including those not (yet) in CAPTURE_KERNELS' full ELF tests. */
export type CaptureDir = CaptureKernel | 'debian-bookworm-6.1.192';

export const capturesPresent = (): boolean => existsSync(CAPTURES);

const cache = new Map<string, Uint8Array>();

/** `xz -dc` of a capture file (the fastest decoder here; ~50 MB for a vmlinux). */
export function readCaptureXz(kernel: CaptureDir, rel: string): Uint8Array {
  const path = `${CAPTURES}/${kernel}/${rel}`;
  let out = cache.get(path);
  if (!out) {
    const buf = execFileSync('xz', ['-dc', path], { maxBuffer: 256 << 20 });
    out = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    cache.set(path, out);
  }
  return out;
}

export const readCaptureJson = <T>(kernel: CaptureDir, rel: string): T =>
  JSON.parse(new TextDecoder().decode(readCaptureXz(kernel, rel))) as T;

export function readCaptureText(kernel: CaptureDir, rel: string): string {
  return readFileSync(`${CAPTURES}/${kernel}/${rel}`, 'utf8');
}
