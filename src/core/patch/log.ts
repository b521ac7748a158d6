import type { Addr, AltEntry, Site } from '../model';
import { formatDump, formatPx } from './bytes';
import { deferLog } from './lazyLog';
import type { SiteResult } from './report';

/** pr_fmt of arch/x86/kernel/alternative.c. */
export const LOG_PREFIX = 'SMP alternatives: ';

/** `%pS`: the site's symbol, or the raw address as the kernel prints it without one. */
export const formatPs = (site: Site): string => site.symbol ?? `0x${site.addr.toString(16)}`;

/** `alt table %px, -> %px`, printed once per apply_alternatives() call (vmlinux, each module). */
export const formatAltTableLine = (start: Addr | bigint, end: Addr | bigint): string =>
  `${LOG_PREFIX}alt table ${formatPx(start)}, -> ${formatPx(end)}`;

/** `feat: W*32+B, old: (%pS (%px) len: N), repl: (%px, len: N) flags: 0x%x` (no `!` for NOT). */
export const formatFeatLine = (site: Site, e: AltEntry, len: number): string =>
  `${LOG_PREFIX}feat: ${e.cpuid >> 5}*32+${e.cpuid & 31}, old: (${formatPs(site)} (${formatPx(site.addr)}) len: ${len}), ` +
  `repl: (${formatPx(e.repl)}, len: ${e.replacementlen}) flags: 0x${(e.flags & 0xffff).toString(16)}`;

/**
 * `ALT_FLAG_NOT` of model.ts, repeated: the profiles load this module while model.ts is still
 * loading (model → profiles → log), so it may import only types from there.
 */
const ALT_FLAG_NOT = 1;

/** 6.1: `feat: [!]W*32+B, old: (%pS (%px) len: N), repl: (%px, len: N)`, `!` for NOT, no flags. */
export const formatFeatLine61 = (site: Site, e: AltEntry, len: number): string =>
  `${LOG_PREFIX}feat: ${e.flags & ALT_FLAG_NOT ? '!' : ''}${e.cpuid >> 5}*32+${e.cpuid & 31}, ` +
  `old: (${formatPs(site)} (${formatPx(site.addr)}) len: ${len}), repl: (${formatPx(e.repl)}, len: ${e.replacementlen})`;

/** DUMP_BYTES: nothing at all for a zero-length dump. */
export function pushDump(
  log: string[],
  at: Addr,
  label: 'old_insn' | 'rpl_insn' | 'final_insn',
  bytes: Uint8Array,
  len: number,
): void {
  if (len <= 0) return;
  const pad = label === 'final_insn' ? '' : '  ';
  log.push(`${LOG_PREFIX}${formatPx(at)}: ${pad}${label}: ${formatDump(bytes, len)}`);
}

export const formatNopsLine = (
  at: Addr,
  start: number,
  end: number,
  buf: Uint8Array,
  len: number,
): string =>
  `${LOG_PREFIX}${formatPx(at)}: [${start}:${end}) optimized NOPs: ${formatDump(buf, len)}`;

/** pr_err lines (KERN_ERR, not gated by debug-alternative) carry the same prefix. */
export const formatErrLine = (message: string): string => `${LOG_PREFIX}${message}`;

/** pushDump into a result's lazily formatted log; `bytes` must not change afterwards. */
export function deferDump(
  res: SiteResult,
  at: Addr,
  label: 'old_insn' | 'rpl_insn' | 'final_insn',
  bytes: Uint8Array,
  len: number,
): void {
  if (len <= 0) return;
  deferLog(res, () => {
    const line: string[] = [];
    pushDump(line, at, label, bytes, len);
    return line[0] as string;
  });
}
