import { asPlainBytes, ByteReader } from './byteReader';
import {
  detectCompression,
  decompressPayload,
  MAX_DECOMPRESSED,
  type Compression,
} from './decompress';
import { guardRead, offsetError, failResult, okResult, type ReadResult } from './result';
import { readVmlinux, type ImageOptions, type KernelImage } from './elf/vmlinux';

/** The boot protocol's setup header facts a reader needs (Documentation/arch/x86/boot.rst). */
export interface SetupHeader {
  setupSects: number;
  version: number;
  payloadOffset: number;
  payloadLength: number;
}

const HDRS = 0x53726448; // "HdrS" at 0x202

/** True when the bytes start like a bzImage (setup header magic). */
export function looksLikeBzImage(b: Uint8Array): boolean {
  return (
    b.length >= 0x206 &&
    new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0x202, true) === HDRS
  );
}

/** Read the setup header; payload fields need boot protocol 2.08+. */
export function readSetupHeader(bytes: Uint8Array): ReadResult<SetupHeader> {
  return guardRead('bzImage setup header', () => {
    const r = new ByteReader(bytes);
    if (r.u32(0x202, 'setup header magic') !== HDRS) {
      return failResult(
        offsetError(
          'not-bzimage',
          'no "HdrS" setup header magic at offset 0x202: not a bzImage',
          0x202,
          'header',
        ),
      );
    }
    const version = r.u16(0x206, 'boot protocol version');
    if (version < 0x208) {
      return failResult(
        offsetError(
          'bzimage-old',
          `boot protocol ${version >> 8}.${(version & 0xff).toString().padStart(2, '0')} has no payload_offset (needs 2.08+)`,
          0x206,
          'version',
        ),
      );
    }
    const sects = r.u8(0x1f1, 'setup_sects');
    return okResult({
      setupSects: sects === 0 ? 4 : sects,
      version,
      payloadOffset: r.u32(0x248, 'payload_offset'),
      payloadLength: r.u32(0x24c, 'payload_length'),
    });
  });
}

/** A bzImage's embedded kernel: the compressor used and the image read from it. */
export interface BzImage {
  header: SetupHeader;
  compression: Compression;
  /** The decompressed ELF (kept so callers can look at it again). */
  elf: Uint8Array;
  image: KernelImage;
}

/** A bzImage's payload, decompressed: the kernel ELF inside, not yet read. */
export interface BzPayload {
  header: SetupHeader;
  compression: Compression;
  elf: Uint8Array;
}

/**
 * Find the compressed kernel after the real-mode setup (`(setup_sects+1)*512 + payload_offset`)
 * and decompress it (output capped), in one attempt.
 */
export async function decompressBzImage(
  input: Uint8Array,
  cap = MAX_DECOMPRESSED,
): Promise<ReadResult<BzPayload>> {
  const bytes = asPlainBytes(input);
  const h = readSetupHeader(bytes);
  if (!h.ok) return failResult(...h.diagnostics);
  const header = h.value;
  const start = (header.setupSects + 1) * 512 + header.payloadOffset;
  if (header.payloadLength === 0 || start + header.payloadLength > bytes.length) {
    return failResult(
      offsetError(
        'bzimage-payload',
        `payload (offset ${start}, length ${header.payloadLength}) is not inside the file (size ${bytes.length})`,
        0x248,
        'payload_offset/payload_length',
      ),
    );
  }
  const payload = bytes.subarray(start, start + header.payloadLength);
  const compression = detectCompression(payload);
  if (!compression) {
    return failResult(
      offsetError(
        'bzimage-compression',
        `unknown compression magic ${hexStart(payload)} at the payload`,
        start,
        'payload',
      ),
    );
  }
  const out = await decompressPayload(compression, payload, { cap, sizeTrailer: true });
  if (!out.ok)
    return failResult(
      offsetError('bzimage-decompress', out.message, start, `${compression} payload`),
    );
  return okResult({ header, compression, elf: out.data });
}

/**
 * Decompress a bzImage and read the ELF inside. It is stripped, so its sites are named from the
 * kernel's own kallsyms (or `opts.names`, a System.map).
 */
export async function readBzImage(
  input: Uint8Array,
  opts: ImageOptions & { cap?: number } = {},
): Promise<ReadResult<BzImage>> {
  const payload = await decompressBzImage(input, opts.cap);
  if (!payload.ok) return failResult(...payload.diagnostics);
  const elf = readVmlinux(payload.value.elf, opts);
  if (!elf.ok) {
    return failResult(
      ...elf.diagnostics.map((d) => ({
        ...d,
        message: `in the decompressed kernel: ${d.message}`,
      })),
    );
  }
  return okResult({ ...payload.value, image: elf.value }, elf.diagnostics);
}

const hexStart = (b: Uint8Array): string =>
  [...b.subarray(0, 4)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
