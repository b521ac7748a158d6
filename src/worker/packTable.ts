/**
 * A kernel table holds ~16,000 small byte arrays (site bytes, replacements, pv_ops slots).
 * Posting them one by one clones each; packing them into one buffer lets the worker transfer
 * a single ArrayBuffer instead (zero-copy), and the main thread gets views into it.
 */
import type { AltTable } from '../core/model';

/** Copy every byte array of `table` into one buffer; returns the repacked table and the buffer. */
export function packTable(table: AltTable): { table: AltTable; buffer: ArrayBuffer } {
  let total = 0;
  for (const s of table.sites) {
    total += s.original.length;
    for (const e of s.entries) total += e.replacement.length;
  }
  for (const m of table.memory) total += m.bytes.length;
  const buffer = new ArrayBuffer(total);
  const all = new Uint8Array(buffer);
  let at = 0;
  const place = (b: Uint8Array): Uint8Array => {
    all.set(b, at);
    const view = all.subarray(at, at + b.length);
    at += b.length;
    return view;
  };
  return {
    buffer,
    table: {
      ...table,
      sites: table.sites.map((s) => ({
        ...s,
        original: place(s.original),
        entries: s.entries.map((e) => ({ ...e, replacement: place(e.replacement) })),
      })),
      memory: table.memory.map((m) => ({ ...m, bytes: place(m.bytes) })),
    },
  };
}
