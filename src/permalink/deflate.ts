import { Inflate, deflateSync } from 'fflate';

/**
 * Raw DEFLATE (RFC 1951) both ways, with inflation bounded: a few hundred bytes of crafted
 * DEFLATE can expand a thousandfold, so the output is counted as it streams and decoding stops
 * as soon as it passes the cap, before the memory is spent.
 */

/** Input fed to the inflater per step; bounds one step's output to about 1 KiB × 1032. */
const INPUT_CHUNK = 1024;

/** Compresses bytes at the highest level (links are written once and read many times). */
export function deflateBytes(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 9 });
}

/** Result of {@link inflateBounded}. */
export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'too-large' | 'bad-deflate'; message: string };

/** Inflates raw DEFLATE, refusing more than `maxBytes` of output. Never throws. */
export function inflateBounded(data: Uint8Array, maxBytes: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  let overflow = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) overflow = true;
    else chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < data.length && !overflow; at += INPUT_CHUNK) {
      const end = Math.min(at + INPUT_CHUNK, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (!overflow) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        code: 'bad-deflate',
        message: `permalink payload is not valid DEFLATE data (${why})`,
      };
    }
  }
  if (overflow) {
    return {
      ok: false,
      code: 'too-large',
      message: `permalink payload inflates to more than ${maxBytes} bytes; refusing to open it`,
    };
  }
  if (!finished) {
    return {
      ok: false,
      code: 'bad-deflate',
      message: 'permalink payload is not valid DEFLATE data (truncated)',
    };
  }
  return { ok: true, bytes: concat(chunks, total) };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
