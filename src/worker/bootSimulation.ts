/**
 * The boot passes over one kernel, off the main thread: the file reader reads the image once
 * (`readKernelFileKeeping`), `bootKernelOf` keeps it if it has the passes' tables, and `runBoot`
 * simulates it again per feature set. Pure (the decoder is passed in), so the worker and the
 * Node tests share it.
 */
import { bootInputOf } from '../binary/elf/bootImage';
import type { InsnDecoder } from '../core/ports';
import { simulateBoot } from '../core/passes/boot';
import { encodeBoot } from './bootColumns';
import type { OpenedBoot } from './bootKernel';
import type { BootRun } from './bootRunner';

/** Simulate the whole boot for `features` and encode what each pass did. */
export function runBoot(
  opened: Extract<OpenedBoot, { ok: true }>,
  features: Iterable<number>,
  decoder: InsnDecoder,
): BootRun {
  const t0 = performance.now();
  const { elf, image } = opened;
  const input = bootInputOf(elf, image, { features: new Set(features) });
  const res = simulateBoot(input, decoder);
  const { columns, transfer } = encodeBoot(res, (a) => image.names.format(a));
  return { columns, transfer, ms: performance.now() - t0 };
}
