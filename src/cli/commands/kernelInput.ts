/**
 * Reading a kernel input (vmlinux, .o, .ko, bzImage, boot log or scenario) for the commands that
 * work on whole kernels, with `--kernel` and `--system-map`, and errors as `file: …` lines.
 */
import type { KernelVersion } from '../../core/model';
import { KERNEL_VERSIONS } from '../../core/model';
import type { CliIo } from '../io';
import { formatLocated } from '../io';
import { readAnyInput, type InputRead } from '../readInput';
import { readSystemMapFile } from './systemMapArg';

export type KernelInputResult =
  | { ok: true; input: InputRead & { table: NonNullable<InputRead['table']> }; warnings: string[] }
  | { ok: false; message: string };

/** `file:line:col` for text positions, `file: … (at byte offset N)` for binary ones. */
export function formatDiagnostics(file: string, input: Pick<InputRead, 'diagnostics'>): string[] {
  return input.diagnostics.map((d) =>
    formatLocated(
      file,
      d.location?.kind === 'text' ? d.location : undefined,
      d.severity,
      d.location?.kind === 'offset'
        ? `${d.message} (at byte offset ${d.location.offset})`
        : d.message,
    ),
  );
}

export function checkKernelArg(value: string | undefined): string | undefined {
  if (value !== undefined && !KERNEL_VERSIONS.includes(value as KernelVersion)) {
    return `--kernel must be ${KERNEL_VERSIONS.join(' or ')}, not '${value}'`;
  }
  return undefined;
}

export async function readKernelInput(
  io: CliIo,
  file: string,
  kernel: KernelVersion | undefined,
  systemMap: string | undefined,
): Promise<KernelInputResult> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    return { ok: false, message: `altscope: cannot read ${file}: ${(e as Error).message}` };
  }
  const names = await readSystemMapFile(io, systemMap);
  if (!names.ok) return { ok: false, message: names.message };
  const input = await readAnyInput(bytes, file, { kernel, names: names.names });
  const lines = formatDiagnostics(file, input);
  if (!input.table || input.diagnostics.some((d) => d.severity === 'error')) {
    return { ok: false, message: lines.join('\n') || `${file}: error: no alternatives table` };
  }
  return { ok: true, input: { ...input, table: input.table }, warnings: lines };
}
