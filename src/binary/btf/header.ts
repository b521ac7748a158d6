/**
 * The `.BTF` header (include/uapi/linux/btf.h `struct btf_header`): where the type and string
 * sections lie, relative to the header's end. Every range is checked against the section.
 */
import type { ByteReader } from '../byteReader';
import { offsetError, ReadAbort } from '../result';

export const BTF_MAGIC = 0xeb9f;

/** The header's fields; offsets are absolute within the reader's bytes. */
export interface BtfHeader {
  version: number;
  typeStart: number;
  typeLen: number;
  strStart: number;
  strLen: number;
  /** Per-kind element sizes (newer kernels): lets unknown kinds be skipped. */
  layoutStart: number;
  layoutLen: number;
}

/** Read and validate the header of a `.BTF` section starting at byte 0 of `r`. */
export function readBtfHeader(r: ByteReader): BtfHeader {
  const magic = r.u16(0, 'btf_header.magic');
  if (magic !== BTF_MAGIC) {
    const why = magic === 0x9feb ? 'big-endian BTF is not supported' : 'not BTF';
    throw new ReadAbort(
      offsetError('btf-magic', `BTF magic 0x${magic.toString(16)}: ${why}`, 0, 'magic'),
    );
  }
  const version = r.u8(2, 'btf_header.version');
  if (version !== 1)
    throw new ReadAbort(
      offsetError('btf-version', `BTF version ${version} is not 1`, 2, 'btf_header.version'),
    );
  const hdrLen = r.u32(4, 'btf_header.hdr_len');
  if (hdrLen < 24)
    throw new ReadAbort(
      offsetError('btf-header', `BTF hdr_len ${hdrLen} is below 24`, 4, 'btf_header.hdr_len'),
    );
  const field = (o: number, what: string) => r.u32(o, `btf_header.${what}`);
  const range = (offAt: number, what: string): [number, number] => {
    const start = hdrLen + field(offAt, `${what}_off`);
    const len = field(offAt + 4, `${what}_len`);
    r.check(start, len, `BTF ${what} section`);
    return [start, len];
  };
  const [typeStart, typeLen] = range(8, 'type');
  const [strStart, strLen] = range(16, 'str');
  const [layoutStart, layoutLen] = hdrLen >= 40 ? range(24, 'layout') : [0, 0];
  return { version, typeStart, typeLen, strStart, strLen, layoutStart, layoutLen };
}
