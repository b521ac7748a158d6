/**
 * Bounds on what a permalink may hold. A link is untrusted input (it arrives in a mail or a chat),
 * so every stage refuses work beyond these before doing it.
 */

/** Largest payload after inflation: 1 MiB of JSON, far above any hand-written scenario. */
export const MAX_INFLATED_BYTES = 1 << 20;
/**
 * Longest base64url payload read at all. Incompressible data deflates to at most 1% more than its
 * size and base64 adds a third, so any link within MAX_INFLATED_BYTES (≤ 1,412,168 characters)
 * is shorter than this.
 */
export const MAX_PAYLOAD_CHARS = 1_500_000;
/** Most feature names a link may carry (the catalogues have fewer than 700). */
export const MAX_FEATURES = 4096;
/** Most selected sites a link may carry. */
export const MAX_SITES = 65536;
/** Longest single feature name or site address. */
export const MAX_NAME_CHARS = 256;
/** Most "unknown key" warnings reported; the rest are counted in one last warning. */
export const MAX_WARNINGS = 20;
/** Longest `linux_banner` a link may carry (real ones are about 200 characters). */
export const MAX_BANNER_CHARS = 1024;
