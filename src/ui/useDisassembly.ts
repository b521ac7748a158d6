import { useMemo } from 'react';
import type { FormattedInsn } from '../core/ports';
import { useAppState } from '../state/hooks';
import { selectDisassembler } from '../state/selectors';

/** Disassembly of `bytes` at `ip` in the chosen syntax; null while iced-x86 is loading. */
export function useDisassembly(bytes: Uint8Array, ip: bigint): FormattedInsn[] | null {
  const disassembler = useAppState(selectDisassembler);
  const syntax = useAppState((s) => s.syntax);
  return useMemo(
    () => (disassembler ? disassembler.disassemble(bytes, ip, syntax) : null),
    [disassembler, bytes, ip, syntax],
  );
}
