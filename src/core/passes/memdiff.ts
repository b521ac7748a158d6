import type { Addr } from '../model';
import { toAddr } from '../model';
import type { RegionImage } from './textImage';

/** A maximal run of bytes that differ from the file after boot. */
export interface DiffRun {
  addr: Addr;
  /** The bytes in memory after boot. */
  bytes: Uint8Array;
}

/** An address range memdiff compares. */
export interface DiffRange {
  addr: bigint;
  len: number;
}

/** The captures' first line. */
export const MEMDIFF_HEADER =
  '# memdiff: VA HEXBYTES where the memory dump differs from the ELF file';

/**
 * Every maximal run of bytes in `ranges` where the image differs from the file, in address order.
 * Overlapping or adjacent ranges are merged first, so a run never splits at a range edge.
 */
export function diffImage(image: RegionImage, ranges: readonly DiffRange[]): DiffRun[] {
  const runs: DiffRun[] = [];
  for (const r of mergeRanges(ranges)) {
    for (const piece of splitByRegion(image, r)) diffPiece(image, piece, runs);
  }
  return runs;
}

/**
 * Append the differing runs of one range inside one region, joining a run that continues. Only
 * the pages a pass wrote can differ; a run across a page edge is joined like one across ranges.
 */
function diffPiece(image: RegionImage, r: DiffRange, runs: DiffRun[]): void {
  for (const { addr: base, now, was } of image.writtenPieces(r.addr, r.len)) {
    let i = 0;
    while (i < now.length) {
      if (now[i] === was[i]) {
        i++;
        continue;
      }
      const start = i;
      while (i < now.length && now[i] !== was[i]) i++;
      const addr = base + BigInt(start);
      const last = runs[runs.length - 1];
      if (last && last.addr + BigInt(last.bytes.length) === addr) {
        const joined = new Uint8Array(last.bytes.length + i - start);
        joined.set(last.bytes);
        joined.set(now.subarray(start, i), last.bytes.length);
        last.bytes = joined;
      } else runs.push({ addr: toAddr(addr), bytes: now.slice(start, i) });
    }
  }
}

/** The parts of a range that lie inside the image's regions. */
function splitByRegion(image: RegionImage, r: DiffRange): DiffRange[] {
  const out: DiffRange[] = [];
  const end = r.addr + BigInt(r.len);
  for (const reg of image.originals) {
    const s = reg.addr > r.addr ? reg.addr : r.addr;
    const regEnd = reg.addr + BigInt(reg.bytes.length);
    const e = regEnd < end ? regEnd : end;
    if (s < e) out.push({ addr: s, len: Number(e - s) });
  }
  return out;
}

function mergeRanges(ranges: readonly DiffRange[]): DiffRange[] {
  const sorted = [...ranges].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  const out: DiffRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.addr <= last.addr + BigInt(last.len)) {
      const end = r.addr + BigInt(r.len);
      const lastEnd = last.addr + BigInt(last.len);
      if (end > lastEnd) last.len = Number(end - last.addr);
    } else out.push({ ...r });
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `VA HEXBYTES`: the captures' line format (16 hex digits, bytes without separators). */
export function formatDiffRun(run: DiffRun): string {
  let s = run.addr.toString(16).padStart(16, '0') + ' ';
  for (const b of run.bytes) s += HEX[b] as string;
  return s;
}
