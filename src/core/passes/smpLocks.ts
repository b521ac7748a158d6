import { kept, poke } from './poke';
import type { PassContext, PassRecord } from './types';

const LOCK_PREFIX = 0xf0;
/** `DS` segment prefix: a harmless one-byte replacement for `lock` on a uniprocessor. */
const DS_PREFIX = Uint8Array.of(0x3e);

/**
 * `alternatives_smp_unlock()`: `.smp_locks` lists every `lock` prefix in kernel text. Booted
 * with one possible CPU the kernel turns them into `ds`; with more (QEMU `-smp 2`) it keeps them.
 */
export function applySmpLocks(ctx: PassContext): PassRecord[] {
  const up = (ctx.options.cpus ?? 2) <= 1;
  const text = ctx.symbol('_text');
  const etext = ctx.symbol('_etext');
  const out: PassRecord[] = [];
  for (const addr of ctx.tables.smpLocks) {
    if (text !== undefined && etext !== undefined && (addr < text || addr >= etext)) continue;
    const cur = ctx.image.read(addr, 1);
    if (!cur || cur[0] !== LOCK_PREFIX || !up) {
      out.push(kept(ctx.image, 'smp-locks', addr, 1, up ? 'not a lock prefix' : 'SMP: lock kept'));
      continue;
    }
    out.push(poke(ctx.image, 'smp-locks', addr, DS_PREFIX, 'UP: lock → ds'));
  }
  return out;
}
