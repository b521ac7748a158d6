/**
 * base64url (RFC 4648 §5) without padding, written here so the codec needs neither `btoa` (DOM)
 * nor `Buffer` (Node) and can say exactly where a damaged link goes wrong.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Encodes bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Result of {@link decodeBase64url}: the bytes, or where and why the text is not base64url. */
export type Base64urlResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/**
 * Decodes unpadded base64url. Trailing `=` padding is tolerated (some tools add it); anything
 * else outside the alphabet is an error naming its 1-based character position.
 */
export function decodeBase64url(text: string): Base64urlResult {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */ && text.length - end < 2) end--;
  const bytes = new Uint8Array(Math.ceil((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? VALUES[code]! : -1;
    if (v < 0) {
      return {
        ok: false,
        message: `permalink payload is not valid base64url at character ${i + 1} (${describeChar(text, i)})`,
      };
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  // Checked after the characters, so a stray character is reported where it is, not as a length.
  if (end % 4 === 1) {
    return {
      ok: false,
      message: `permalink payload is truncated: ${end} characters is not a possible base64url length`,
    };
  }
  return { ok: true, bytes: o === bytes.length ? bytes : bytes.subarray(0, o) };
}

function describeChar(text: string, i: number): string {
  const cp = text.codePointAt(i) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp > 0x20 && cp < 0x7f ? `'${String.fromCodePoint(cp)}'` : hex;
}
