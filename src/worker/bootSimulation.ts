/**
 * The boot passes over one opened file, off the main thread: the image is read once (`openBoot`)
 * and simulated again per feature set (`runBoot`). Pure (the decoder is passed in), so the
 * worker and the Node tests share it.
 */
import { looksLikeBzImage, decompressBzImage } from '../binary/bzimage';
import { decompressFile, fileCompression } from '../binary/compressedInput';
import { bootInputOf, hasPassTables } from '../binary/elf/bootImage';
import { readVmlinux, type KernelImage } from '../binary/elf/vmlinux';
import type { InsnDecoder } from '../core/ports';
import { simulateBoot } from '../core/passes/boot';
import { encodeBoot, type BootColumns } from './bootColumns';

/** A kernel ready to boot, or why its passes cannot be shown. */
export type OpenedBoot =
  { ok: true; elf: Uint8Array; image: KernelImage } | { ok: false; reason: string };

const NO_TABLES =
  'this image carries no boot-pass tables (.return_sites, .retpoline_sites): open a full ' +
  'vmlinux, a vmlinux-passes.elf or a vmlinuz to see every pass';

/** Read `bytes` (a vmlinux, possibly xz/zstd/gzip-compressed, or a vmlinuz) for the passes. */
export async function openBoot(bytes: Uint8Array): Promise<OpenedBoot> {
  let elf = bytes;
  const compression = fileCompression(elf);
  if (compression) {
    const out = await decompressFile(compression, elf);
    if (!out.ok) return { ok: false, reason: out.diagnostic.message };
    elf = out.data;
  }
  if (looksLikeBzImage(elf)) {
    const p = await decompressBzImage(elf);
    if (!p.ok) return { ok: false, reason: p.diagnostics[0]?.message ?? 'bad vmlinuz' };
    elf = p.value.elf;
  }
  const r = readVmlinux(elf);
  if (!r.ok) return { ok: false, reason: r.diagnostics[0]?.message ?? 'not a vmlinux' };
  if (!hasPassTables(r.value.sections)) return { ok: false, reason: NO_TABLES };
  return { ok: true, elf, image: r.value };
}

/** Simulate the whole boot for `features` and encode what each pass did. */
export function runBoot(
  opened: Extract<OpenedBoot, { ok: true }>,
  features: Iterable<number>,
  decoder: InsnDecoder,
): { columns: BootColumns; transfer: ArrayBuffer[]; ms: number } {
  const t0 = performance.now();
  const { elf, image } = opened;
  const input = bootInputOf(elf, image, { features: new Set(features) });
  const res = simulateBoot(input, decoder);
  const { columns, transfer } = encodeBoot(res, (a) => image.names.format(a));
  return { columns, transfer, ms: performance.now() - t0 };
}
