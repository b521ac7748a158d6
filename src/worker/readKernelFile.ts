/**
 * One dropped file → a table (kernel image, module, boot log) or a scenario text, or the
 * diagnostics saying why not. Pure (async only because bzImage payloads decompress
 * asynchronously): the worker calls it, and so do the tests and the fuzz suite under Node.
 * Never rejects.
 */
import type { AltTable, Diagnostic } from '../core/model';
import { readBzImage } from '../binary/bzimage';
import { decompressFile, fileCompression, unknownBinary } from '../binary/compressedInput';
import type { Compression } from '../binary/decompress';
import { readBinaryInput } from '../binary/detect';
import { readRelocatable } from '../binary/elf/relocatable';
import { imageSymbolSet, readVmlinux, type KernelImage } from '../binary/elf/vmlinux';
import type { SymbolSet } from '../core/symbols';
import { DETECT_BYTES, detectKind, type InputKind } from './detectKind';

/** Larger files are refused before reading: a vmlinux with debug info is ~500 MB at most. */
export const MAX_FILE_BYTES = 768 * 1024 * 1024;

/** What reading a file gave. */
export type FileOutcome =
  | {
      ok: true;
      kind: 'vmlinux' | 'relocatable' | 'bzimage' | 'bootlog';
      table: AltTable;
      /** `linux_banner` release, when the file has one. */
      release?: string;
      /** The whole `linux_banner` line, carried by links made from this kernel. */
      banner?: string;
      /** The image's names for objdump-style disassembly (kernel images only). */
      symbols?: SymbolSet;
      diagnostics: Diagnostic[];
    }
  | { ok: true; kind: 'scenario-json' | 'scenario-text'; text: string; diagnostics: Diagnostic[] }
  | { ok: false; kind: InputKind; diagnostics: Diagnostic[] };

const fail = (kind: InputKind, code: string, message: string): FileOutcome => ({
  ok: false,
  kind,
  diagnostics: [{ severity: 'error', code, message }],
});

/**
 * A linked kernel as it was read: its ELF (decompressed) and the image read from it. The worker
 * keeps it for the boot passes, so the file is read and decompressed once.
 */
export interface ReadKernel {
  elf: Uint8Array;
  image: KernelImage;
}

/** An outcome, and for a linked kernel (vmlinux, vmlinuz) what was read to make it. */
type Read = FileOutcome & { kernel?: ReadKernel };

/** Read `bytes` (the whole file) named `name` (only used in messages). */
export async function readKernelFile(bytes: Uint8Array, name: string): Promise<FileOutcome> {
  const { kernel: _, ...outcome } = await readFile(bytes, name);
  return outcome as FileOutcome;
}

/** `readKernelFile`, also handing back a linked kernel's ELF and image (never posted). */
export async function readKernelFileKeeping(
  bytes: Uint8Array,
  name: string,
): Promise<{ outcome: FileOutcome; kernel?: ReadKernel }> {
  const { kernel, ...outcome } = await readFile(bytes, name);
  return { outcome: outcome as FileOutcome, kernel };
}

async function readFile(bytes: Uint8Array, name: string): Promise<Read> {
  const compression = fileCompression(bytes);
  if (compression) {
    // A `.ko.xz`/`.ko.zst`/`.ko.gz` or a compressed vmlinux: read what is inside, once.
    const out = await decompressFile(compression, bytes);
    if (!out.ok) return { ok: false, kind: 'binary', diagnostics: [out.diagnostic] };
    if (fileCompression(out.data))
      return { ok: false, kind: 'binary', diagnostics: [unknownBinary(out.data, compression)] };
    return readUncompressed(out.data, name, compression);
  }
  return readUncompressed(bytes, name);
}

async function readUncompressed(
  bytes: Uint8Array,
  name: string,
  inside?: Compression,
): Promise<Read> {
  const kind = detectKind(bytes.subarray(0, DETECT_BYTES));
  if (inside && (kind === 'scenario-json' || kind === 'scenario-text' || kind === 'binary'))
    return { ok: false, kind: 'binary', diagnostics: [unknownBinary(bytes, inside)] };
  try {
    if (kind === 'bzimage') return await readBzImageFile(bytes);
    if (kind === 'bootlog') return await readBootLogFile(bytes, name);
    return readAs(kind, bytes, name);
  } catch (e) {
    // The readers catch their own failures; this is the last net for a bug in one of them.
    const message = e instanceof Error ? e.message : String(e);
    return fail(kind, 'internal-error', `${name}: reading it as ${kind} failed: ${message}`);
  }
}

/** A vmlinux or relocatable read: both give a table and the kernel release they name. */
function fromImage(
  kind: 'vmlinux' | 'relocatable',
  r: ReturnType<typeof readVmlinux> | ReturnType<typeof readRelocatable>,
): FileOutcome {
  if (!r.ok) return { ok: false, kind, diagnostics: r.diagnostics };
  const { table, release, banner } = r.value;
  const symbols = imageSymbolSet(r.value);
  return { ok: true, kind, table, release, banner, symbols, diagnostics: r.diagnostics };
}

/** A vmlinux's outcome, keeping the ELF and image it was read from. */
function readVmlinuxFile(elf: Uint8Array): Read {
  const r = readVmlinux(elf);
  const outcome = fromImage('vmlinux', r);
  return r.ok ? { ...outcome, kernel: { elf, image: r.value } } : outcome;
}

function readAs(kind: InputKind, bytes: Uint8Array, name: string): Read {
  switch (kind) {
    case 'vmlinux':
      return readVmlinuxFile(bytes);
    case 'relocatable':
      return fromImage(kind, readRelocatable(bytes));
    case 'scenario-json':
    case 'scenario-text':
      return { ok: true, kind, text: decodeText(bytes), diagnostics: [] };
    case 'bootlog':
    case 'bzimage':
      return fail(kind, 'internal-error', `${name}: ${kind} is read asynchronously`);
    case 'system-map':
      return fail(
        kind,
        'system-map-alone',
        `${name} looks like a System.map: it only names addresses; open the vmlinux or vmlinuz itself`,
      );
    case 'elf-other':
      return fail(
        kind,
        'elf-type',
        `${name}: e_type ${(bytes[16] ?? 0) | ((bytes[17] ?? 0) << 8)} at offset 16 is neither ` +
          `an executable (vmlinux) nor a relocatable object (.o/.ko)`,
      );
    case 'binary': {
      const d = unknownBinary(bytes);
      return { ok: false, kind, diagnostics: [{ ...d, message: `${name}: ${d.message}` }] };
    }
  }
}

/** A `vmlinuz`: the ELF inside, decompressed (capped); sites named from its own kallsyms. */
async function readBzImageFile(bytes: Uint8Array): Promise<Read> {
  const r = await readBzImage(bytes);
  if (!r.ok) return { ok: false, kind: 'bzimage', diagnostics: r.diagnostics };
  const { elf, image } = r.value;
  const { table, release, banner } = image;
  const symbols = imageSymbolSet(image);
  return {
    ok: true,
    kind: 'bzimage',
    table,
    release,
    banner,
    symbols,
    diagnostics: r.diagnostics,
    kernel: { elf, image },
  };
}

/** Text files: UTF-8, with a BOM dropped (editors on Windows add one). */
function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

/** A `debug-alternative` log: the vmlinux table it patched, with the features it proves on. */
async function readBootLogFile(bytes: Uint8Array, name: string): Promise<FileOutcome> {
  const r = await readBinaryInput(bytes);
  if (!r?.table) {
    const diagnostics = r?.diagnostics ?? [];
    if (!diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push({
        severity: 'error',
        code: 'log-empty',
        message: `${name}: no table in the log`,
      });
    }
    return { ok: false, kind: 'bootlog', diagnostics };
  }
  return { ok: true, kind: 'bootlog', table: r.table, diagnostics: r.diagnostics };
}
