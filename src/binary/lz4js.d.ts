/** The part of lz4js (no bundled types; a dev dependency) the tests use to build LZ4 legacy-frame payloads. */
declare module 'lz4js' {
  /** Compress src[sIndex, sIndex+sLength) as one raw LZ4 block into dst; returns its size. */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
}
