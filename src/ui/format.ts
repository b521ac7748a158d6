/** Small display helpers shared by the components. */
export const hexAddr = (a: bigint): string => `0x${a.toString(16)}`;

export const hexBytes = (bytes: Uint8Array, start = 0, end = bytes.length): string =>
  Array.from(bytes.subarray(start, end), (b) => b.toString(16).padStart(2, '0')).join(' ');

/** `-0x1c` / `0x40`: displacements the way objdump prints them. */
export const signedHex = (n: number): string =>
  n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
