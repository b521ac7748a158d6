/** The part of lz4js (no bundled types) that the lz4 legacy-frame reader uses. */
declare module 'lz4js' {
  /** Decompress one raw LZ4 block from src[sIndex, sIndex+sLength) into dst at dIndex; returns the new end. */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number;
}
