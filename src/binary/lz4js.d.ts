/** The part of lz4js (no bundled types) used here: blocks for the lz4 legacy-frame reader and its test. */
declare module 'lz4js' {
  /** Decompress one raw LZ4 block from src[sIndex, sIndex+sLength) into dst at dIndex; returns the new end. */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number;
  /** Compress src[sIndex, sIndex+sLength) as one raw LZ4 block into dst; returns its size. */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
}
