import { KERNEL_VERSIONS, type AltTable, type Diagnostic, type KernelVersion } from '../core/model';
import { checkBootLog, type CheckResult } from './bootlog/check';
import { inferLogKernel } from './bootlog/infer';
import { parseBootLog, type BootLog } from './bootlog/parse';
import { logTableToScenario } from './bootlog/toTable';
import { looksLikeBzImage, readBzImage } from './bzimage';
import { decompressFile, fileCompression, looksBinary, unknownBinary } from './compressedInput';
import type { SymbolIndex } from './elf/kallsyms';
import { readRelocatable } from './elf/relocatable';
import { readVmlinux, type KernelImage } from './elf/vmlinux';

/** `unknown`: binary data of no known format (one error says what it starts with). */
export type BinaryKind = 'vmlinux' | 'relocatable' | 'bzimage' | 'boot-log' | 'unknown';

/** A kernel input read into the model (or the reasons it could not be). */
export interface BinaryInput {
  kind: BinaryKind;
  table?: AltTable;
  /** For ELF and bzImage inputs. */
  image?: KernelImage;
  /** The ELF `image` was read from (decompressed from a file or a bzImage): the boot passes' bytes. */
  elf?: Uint8Array;
  /** For boot logs. */
  log?: BootLog;
  diagnostics: Diagnostic[];
}

export interface DetectOptions {
  kernel?: KernelVersion;
  /** A System.map's names. */
  names?: SymbolIndex;
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const LOG_HINT = /SMP alternatives: (?:feat: |alt table )/;

/** Which kernel input this is, from its content; undefined means "not one of ours" (a scenario). */
export function detectBinaryKind(bytes: Uint8Array): BinaryKind | 'elf' | undefined {
  if (ELF_MAGIC.every((m, i) => bytes[i] === m)) return 'elf';
  if (looksLikeBzImage(bytes)) return 'bzimage';
  // A log is text; look at a bounded prefix only when it does not look like JSON.
  const head = new TextDecoder().decode(bytes.subarray(0, 1 << 20));
  if (!/^\s*\{/.test(head) && LOG_HINT.test(head)) return 'boot-log';
  if (
    bytes.length > 1 << 20 &&
    !/^\s*\{/.test(head) &&
    LOG_HINT.test(new TextDecoder().decode(bytes))
  )
    return 'boot-log';
  return undefined;
}

/**
 * Read any kernel input by content: ELF (vmlinux or relocatable by e_type), bzImage, or a
 * `debug-alternative` log (its first table becomes a scenario, with the features it proves).
 */
export async function readBinaryInput(
  bytes: Uint8Array,
  opts: DetectOptions = {},
): Promise<BinaryInput | undefined> {
  const compression = fileCompression(bytes);
  if (compression) {
    // `.ko.xz`, `.ko.zst`, `.ko.gz`, a compressed vmlinux or log: read what is inside, once.
    const out = await decompressFile(compression, bytes);
    if (!out.ok) return { kind: 'unknown', diagnostics: [out.diagnostic] };
    const inner = fileCompression(out.data) ? undefined : await readKnownInput(out.data, opts);
    return inner ?? { kind: 'unknown', diagnostics: [unknownBinary(out.data, compression)] };
  }
  const known = await readKnownInput(bytes, opts);
  if (known || !looksBinary(bytes.subarray(0, 1 << 16))) return known;
  return { kind: 'unknown', diagnostics: [unknownBinary(bytes)] };
}

/** ELF, bzImage or boot log by content; undefined for anything else. */
async function readKnownInput(
  bytes: Uint8Array,
  opts: DetectOptions,
): Promise<BinaryInput | undefined> {
  const kind = detectBinaryKind(bytes);
  if (kind === undefined) return undefined;
  if (kind === 'elf') {
    const isRel = bytes.length > 17 && bytes[16] === 1 && bytes[17] === 0;
    const r = isRel ? readRelocatable(bytes, opts) : readVmlinux(bytes, opts);
    return {
      kind: isRel ? 'relocatable' : 'vmlinux',
      table: r.ok ? r.value.table : undefined,
      image: r.ok ? r.value : undefined,
      elf: bytes,
      diagnostics: r.diagnostics,
    };
  }
  if (kind === 'bzimage') {
    const r = await readBzImage(bytes, opts);
    return {
      kind,
      table: r.ok ? r.value.image.table : undefined,
      image: r.ok ? r.value.image : undefined,
      elf: r.ok ? r.value.elf : undefined,
      diagnostics: r.diagnostics,
    };
  }
  const { log, diagnostics } = parseBootLog(new TextDecoder().decode(bytes));
  const first = log.tables.find((t) => t.sites.some((s) => s.records.length > 0));
  if (!first) {
    diagnostics.push({
      severity: 'error',
      code: 'log-empty',
      message: 'the log has no applied alternatives (feat: lines)',
    });
    return { kind, log, diagnostics };
  }
  const kernel = opts.kernel ?? inferLogKernel([first]) ?? inferLogKernel(log.tables);
  if (!kernel) {
    diagnostics.push({
      severity: 'error',
      code: 'kernel-unknown',
      message: `the log does not show which kernel printed it; pass --kernel ${KERNEL_VERSIONS.join(', --kernel ')}`,
    });
    return { kind, log, diagnostics };
  }
  const scen = logTableToScenario(first, kernel, diagnostics);
  return { kind, log, table: scen.table, diagnostics };
}

export type { CheckResult };
export { checkBootLog };
