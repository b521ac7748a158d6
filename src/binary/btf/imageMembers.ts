/**
 * Reading an image's `.BTF` for member-path symbols. BTF is optional: a malformed section gives
 * a warning (with its offset in the file) and the image is read without member names.
 */
import type { Diagnostic } from '../../core/model';
import type { TableSymbol } from '../../core/symbols';
import type { ByteReader } from '../byteReader';
import type { ElfSection } from '../elf/header';
import { ReadAbort } from '../result';
import { memberSymbols } from './memberSymbols';
import { readBtf } from './types';

/** Member-path symbols from the image's `.BTF`, or [] when it has none or it is unreadable. */
export function readImageMembers(
  r: ByteReader,
  sections: readonly ElfSection[],
  addressOf: (name: string) => bigint | undefined,
  diagnostics: Diagnostic[],
): TableSymbol[] {
  const btf = sections.find((s) => s.name === '.BTF');
  if (!btf || btf.size === 0) return [];
  try {
    r.check(btf.offset, btf.size, '.BTF');
    return memberSymbols(readBtf(r.bytes.subarray(btf.offset, btf.offset + btf.size)), addressOf);
  } catch (e) {
    const d = e instanceof ReadAbort ? e.diagnostic : undefined;
    const at = d?.location?.kind === 'offset' ? btf.offset + d.location.offset : btf.offset;
    const why = d?.message ?? (e instanceof Error ? e.message : String(e));
    diagnostics.push({
      severity: 'warning',
      code: 'btf-unreadable',
      message: `.BTF is unreadable at file offset ${at} (${why}); pv_ops slots are named by offset`,
    });
    return [];
  }
}
