/**
 * One dropped file → a table (kernel image, module, boot log) or a scenario text, or the
 * diagnostics saying why not. Pure and synchronous: the worker calls it, and so do the tests
 * and the fuzz suite under Node. Never throws.
 */
import type { AltTable, Diagnostic, KernelVersion } from '../core/model';
import { inferLogKernel } from '../binary/bootlog/infer';
import { parseBootLog } from '../binary/bootlog/parse';
import { logTableToScenario } from '../binary/bootlog/toTable';
import { readRelocatable } from '../binary/elf/relocatable';
import { readVmlinux } from '../binary/elf/vmlinux';
import { toFeatureIndex } from '../core/model';
import { DETECT_BYTES, detectKind, type InputKind } from './detectKind';

/** Larger files are refused before reading: a vmlinux with debug info is ~500 MB at most. */
export const MAX_FILE_BYTES = 768 * 1024 * 1024;

/** What reading a file gave. */
export type FileOutcome =
  | {
      ok: true;
      kind: 'vmlinux' | 'relocatable' | 'bootlog';
      table: AltTable;
      /** `linux_banner` release, when the file has one. */
      release?: string;
      diagnostics: Diagnostic[];
    }
  | { ok: true; kind: 'scenario-json' | 'scenario-text'; text: string; diagnostics: Diagnostic[] }
  | { ok: false; kind: InputKind; diagnostics: Diagnostic[] };

const fail = (kind: InputKind, code: string, message: string): FileOutcome => ({
  ok: false,
  kind,
  diagnostics: [{ severity: 'error', code, message }],
});

/** Read `bytes` (the whole file) named `name` (only used in messages). */
export function readKernelFile(bytes: Uint8Array, name: string): FileOutcome {
  const kind = detectKind(bytes.subarray(0, DETECT_BYTES));
  try {
    return readAs(kind, bytes, name);
  } catch (e) {
    // The readers catch their own failures; this is the last net for a bug in one of them.
    const message = e instanceof Error ? e.message : String(e);
    return fail(kind, 'internal-error', `${name}: reading it as ${kind} failed: ${message}`);
  }
}

function readAs(kind: InputKind, bytes: Uint8Array, name: string): FileOutcome {
  switch (kind) {
    case 'vmlinux': {
      const r = readVmlinux(bytes);
      if (!r.ok) return { ok: false, kind, diagnostics: r.diagnostics };
      return {
        ok: true,
        kind,
        table: r.value.table,
        release: r.value.release,
        diagnostics: r.diagnostics,
      };
    }
    case 'relocatable': {
      const r = readRelocatable(bytes);
      if (!r.ok) return { ok: false, kind, diagnostics: r.diagnostics };
      return {
        ok: true,
        kind,
        table: r.value.table,
        release: r.value.release,
        diagnostics: r.diagnostics,
      };
    }
    case 'bootlog':
      return readBootLogFile(new TextDecoder('utf-8', { fatal: false }).decode(bytes), name);
    case 'scenario-json':
    case 'scenario-text':
      return { ok: true, kind, text: decodeText(bytes), diagnostics: [] };
    case 'bzimage':
      return fail(
        kind,
        'bzimage-unsupported',
        `${name} is a bzImage (vmlinuz); the app cannot unpack it yet: extract the vmlinux ` +
          `(the kernel's scripts/extract-vmlinux) or use the altscope command`,
      );
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
    case 'binary':
      return fail(
        kind,
        'unknown-format',
        `${name} is not an ELF file, a bzImage, a boot log or a scenario (it is binary and has ` +
          `no known magic at offset 0)`,
      );
  }
}

/** Text files: UTF-8, with a BOM dropped (editors on Windows add one). */
function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

/** A `debug-alternative` log: the vmlinux table it patched, with the features it proves on. */
function readBootLogFile(text: string, name: string): FileOutcome {
  const { log, diagnostics } = parseBootLog(text);
  const table = log.tables.find((t) => t.sites.length > 0);
  if (!table) {
    return {
      ok: false,
      kind: 'bootlog',
      diagnostics: [
        ...diagnostics,
        {
          severity: 'error',
          code: 'log-empty',
          message: `${name}: no patched site in the log (${log.altLines} debug-alternative lines of ${log.lines})`,
        },
      ],
    };
  }
  const kernel: KernelVersion = inferLogKernel(log.tables) ?? '7.2';
  const scenario = logTableToScenario(table, kernel, diagnostics);
  const features = [...scenario.present].sort((a, b) => a - b).map(toFeatureIndex);
  return {
    ok: true,
    kind: 'bootlog',
    table: { ...scenario.table, features },
    diagnostics,
  };
}
