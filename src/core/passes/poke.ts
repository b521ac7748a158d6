import type { Addr } from '../model';
import { addrDiff32 } from '../patch/bytes';
import { storeRecord } from './recordBytes';
import type { PassName, PassRecord, TextImage } from './types';

export const CALL_INSN_OPCODE = 0xe8;
export const JMP32_INSN_OPCODE = 0xe9;
export const RET_INSN_OPCODE = 0xc3;
export const INT3_INSN_OPCODE = 0xcc;

/**
 * `text_poke_early()` with a record: writes `bytes` at `addr` and says what was there. A write
 * outside the image is recorded with empty `after` (the kernel would fault; nothing changes here).
 */
export function poke(
  image: TextImage,
  pass: PassName,
  addr: Addr,
  bytes: Uint8Array,
  what: string,
): PassRecord {
  const before = image.read(addr, bytes.length) ?? EMPTY;
  const ok = image.write(addr, bytes);
  return storeRecord(image, pass, addr, before, ok ? bytes : EMPTY, what);
}

/** A record of bytes a pass looked at and kept. */
export function kept(
  image: TextImage,
  pass: PassName,
  addr: Addr,
  len: number,
  what: string,
): PassRecord {
  return storeRecord(image, pass, addr, image.read(addr, len) ?? EMPTY, 'kept', what);
}

const EMPTY = new Uint8Array(0);

/** `__text_gen_insn()`: `op rel32` at `addr` reaching `target`, padded to `size` with nothing. */
export function genRel32(op: number, addr: Addr, target: bigint, size = 5): Uint8Array {
  const out = new Uint8Array(size);
  out[0] = op;
  const rel = addrDiff32(target, addr + 5n);
  out[1] = rel & 0xff;
  out[2] = (rel >>> 8) & 0xff;
  out[3] = (rel >>> 16) & 0xff;
  out[4] = (rel >>> 24) & 0xff;
  return out;
}

/** Destination of the `e8`/`e9 rel32` at `addr` in `bytes`, or undefined for another opcode. */
export function rel32Dest(bytes: Uint8Array, addr: bigint): bigint | undefined {
  const op = bytes[0];
  if (op !== CALL_INSN_OPCODE && op !== JMP32_INSN_OPCODE) return undefined;
  const rel =
    (bytes[1] as number) |
    ((bytes[2] as number) << 8) |
    ((bytes[3] as number) << 16) |
    ((bytes[4] as number) << 24);
  return BigInt.asUintN(64, addr + 5n + BigInt(rel));
}

export const hexOf = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
