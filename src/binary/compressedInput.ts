import type { Diagnostic } from '../core/model';
import { decompressPayload, detectCompression, type Compression } from './decompress';

/** Whole-file compressors distributions use for modules and images (`.ko.xz`, `.zst`, `.gz`). */
const FILE_COMPRESSION: readonly Compression[] = ['xz', 'zstd', 'gzip'];

/** What was tried on a file nothing recognised, for the one-line error. */
export const FORMATS_TRIED =
  'ELF (vmlinux, .o, .ko), bzImage, xz/zstd/gzip-compressed ELF, boot log, System.map, scenario';

/** The whole-file compression of `bytes` (by magic), if any. */
export function fileCompression(bytes: Uint8Array): Compression | undefined {
  const c = detectCompression(bytes);
  return c && FILE_COMPRESSION.includes(c) ? c : undefined;
}

/**
 * Decompress a compressed input file (no kernel size trailer: the tools write their own
 * framing), capped like a bzImage payload. Errors name the compressor and stay one line.
 */
export async function decompressFile(
  kind: Compression,
  bytes: Uint8Array,
): Promise<{ ok: true; data: Uint8Array } | { ok: false; diagnostic: Diagnostic }> {
  const out = await decompressPayload(kind, bytes);
  if (out.ok) return out;
  return {
    ok: false,
    diagnostic: {
      severity: 'error',
      code: 'decompress',
      message: `${kind}-compressed file: ${out.message}`,
      location: { kind: 'offset', offset: 0, what: `${kind} data` },
    },
  };
}

/** True when a file's head is binary (a NUL in it): never to be parsed as a text scenario. */
export const looksBinary = (head: Uint8Array): boolean => head.includes(0);

/** The one line for binary input of no known format: its first bytes in hex, never its text. */
export function unknownBinary(bytes: Uint8Array, inside?: Compression): Diagnostic {
  const magic = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const where = inside ? `the ${inside} data decompresses to data` : 'binary data';
  return {
    severity: 'error',
    code: 'unknown-format',
    message: `${where} of no known format (starts with ${magic || 'nothing'}); tried ${FORMATS_TRIED}`,
    location: { kind: 'offset', offset: 0, what: 'magic' },
  };
}
