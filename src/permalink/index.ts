/** The permalink codec's public surface: the store, the UI and the CLI import from here. */
export type { AsmSyntax, ReviewTab, ShareState, ViewOptions } from './shareState';
export { DEFAULT_KERNEL, DEFAULT_VIEW, REVIEW_TABS, createDefaultShareState } from './shareState';
export type { PermalinkError, PermalinkErrorCode } from './errors';
export type { DecodeResult } from './codec';
export { PERMALINK_VERSION, checkShareStateSize, decodePermalink, encodePermalink } from './codec';
export type { BuildLinkResult } from './fragment';
export { buildLink, readFragment } from './fragment';
export { MAX_INFLATED_BYTES } from './limits';
