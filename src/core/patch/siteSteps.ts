import type { AltEntry, Diagnostic, Site } from '../model';
import { ALT_FLAG_DIRECT_CALL, MAX_PATCH_LEN } from '../model';
import { formatFeatureIndex } from '../features/parse';
import type { PatchContext } from './context';
import { replaceDirectCall } from './directCall';
import { deferLog, SiteRecord } from './lazyLog';
import { formatErrLine, formatNopsLine, LOG_PREFIX } from './log';
import type { SiteResult } from './report';

/** A fresh result for `site`: nothing written yet, final = the bytes the loop starts from. */
export function startResult(site: Site, len: number, start: Uint8Array): SiteResult {
  const res = new SiteRecord(site.addr, len, site.original, start);
  if (site.symbol !== undefined) res.symbol = site.symbol;
  return res;
}

export function addDiagnostic(res: SiteResult, d: Omit<Diagnostic, 'site'>): void {
  res.diagnostics.push({ ...d, site: res.addr });
}

/** `BUG_ON(len > MAX_PATCH_LEN)`; true when the kernel would die here. */
export function bugSiteTooLong(res: SiteResult, len: number): boolean {
  if (len <= MAX_PATCH_LEN) return false;
  addDiagnostic(res, {
    severity: 'error',
    code: 'kernel-bug-site-too-long',
    message: `BUG_ON(instrlen > MAX_PATCH_LEN): site is ${len} bytes, the patch buffer holds ${MAX_PATCH_LEN}`,
  });
  return true;
}

/** `BUG_ON(cpuid >= (NCAPINTS+NBUGINTS)*32)`; true when the kernel would die here. */
export function bugFeatureRange(res: SiteResult, e: AltEntry, ctx: PatchContext): boolean {
  if (e.cpuid < ctx.maxIndexExclusive) return false;
  addDiagnostic(res, {
    severity: 'error',
    code: 'kernel-bug-feature-range',
    message: `BUG_ON(cpuid >= (NCAPINTS+NBUGINTS)*32): feature ${formatFeatureIndex(e.cpuid)} (${e.cpuid}) is not below ${ctx.maxIndexExclusive}`,
  });
  return true;
}

/**
 * Copy the winner's replacement into a site-sized buffer, retarget a DIRECT_CALL, pad with raw
 * `0x90` and relocate with the profile's engine — the part the loops share. `current` is what
 * `alt_replace_call` reads at `instr`; `callLen` is the `instrlen` it checks; `len` is how much
 * is written (the site, or 6.1's own `instrlen`). Returns undefined on a kernel BUG.
 */
export function buildReplacement(
  res: SiteResult,
  k: number,
  e: AltEntry,
  current: Uint8Array,
  callLen: number,
  ctx: PatchContext,
  len: number = res.len,
): Uint8Array | undefined {
  const buf = new Uint8Array(len);
  if (e.replacementlen > len) {
    addDiagnostic(res, {
      severity: 'warning',
      code: 'replacement-longer-than-site',
      message: `replacement is ${e.replacementlen} bytes but the site is ${len}: only ${len} are copied (the kernel would write past the site)`,
    });
  }
  buf.set(e.replacement.subarray(0, Math.min(e.replacementlen, len)));
  let sz = Math.min(e.replacementlen, len);
  if (e.flags & ALT_FLAG_DIRECT_CALL && !ctx.profile.directCall) {
    addDiagnostic(res, {
      severity: 'warning',
      code: 'direct-call-unknown',
      message: `${ctx.profile.version} has no ALT_FLAG_DIRECT_CALL: the flag is ignored and the replacement copied as is`,
    });
  } else if (e.flags & ALT_FLAG_DIRECT_CALL) {
    const r = replaceDirectCall(k, e, buf, current, callLen, ctx.memory);
    if (!r.ok) {
      const message = r.message;
      deferLog(res, () => formatErrLine(message));
      addDiagnostic(res, { severity: 'error', code: r.code, message: r.message, offset: 0 });
      return undefined;
    }
    if (r.warning)
      addDiagnostic(res, {
        severity: 'warning',
        code: 'direct-call-slot-missing',
        message: r.warning,
      });
    res.directCall = r.rewrite;
    sz = r.sz;
  }
  buf.fill(0x90, sz, len);
  const rel = ctx.profile.relocate(buf, len, e, ctx.decoder);
  res.relocations.push(...rel.relocations);
  for (const line of rel.lines ?? []) deferLog(res, () => LOG_PREFIX + line);
  if (rel.stop?.kind === 'overflow') {
    const bits = rel.stop.width * 8;
    addDiagnostic(res, {
      severity: 'error',
      code: 'kernel-bug-reloc-overflow',
      message: `BUG_ON((v >> 31) != (v >> (${bits}-1))) in apply_reloc: the ${bits}-bit displacement at offset ${rel.stop.offset} needs ${rel.stop.value} after moving the replacement`,
      offset: rel.stop.offset,
    });
    return undefined;
  }
  if (rel.stop?.kind === 'undecodable') {
    addDiagnostic(res, {
      severity: 'warning',
      code: 'relocation-undecodable',
      message: `cannot decode the instruction at offset ${rel.stop.offset}: the rest is not relocated (the kernel WARNs once)`,
      offset: rel.stop.offset,
    });
  }
  return buf;
}

/** optimize_nops() on `buf`, recording each run and its log line. */
export function optimizeSiteNops(res: SiteResult, buf: Uint8Array, ctx: PatchContext): void {
  optimizeSiteNopsTo(res, buf, res.len, ctx);
}

/** optimize_nops() over the first `len` bytes (6.1 optimises each entry's own `instrlen`). */
export function optimizeSiteNopsTo(
  res: SiteResult,
  buf: Uint8Array,
  len: number,
  ctx: PatchContext,
): void {
  ctx.profile.optimizeNops(buf, len, ctx.decoder, (start, end, before, now) => {
    res.nopRuns.push({ start, end, before, after: now.slice(start, end) });
    const shown = now.slice(0, len);
    deferLog(res, () => formatNopsLine(res.addr, start, end, shown, len));
  });
}
