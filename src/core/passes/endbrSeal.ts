import { kept, poke } from './poke';
import type { PassContext, PassRecord } from './types';

/** `endbr64` (`endbr32` differs in bit 0 of the last byte). */
const ENDBR64 = [0xf3, 0x0f, 0x1e, 0xfa];

/** `is_endbr()`: an ENDBR64/32, or one already poisoned. */
function isEndbr(b: Uint8Array, poison: Uint8Array): boolean {
  if (poison.every((x, i) => b[i] === x)) return true;
  return ENDBR64.every((x, i) => (i === 3 ? ((b[3] as number) & ~1) === x : b[i] === x));
}

/**
 * `apply_seal_endbr()`: every function whose address objtool found never taken loses its
 * ENDBR (`.ibt_endbr_seal`), on every CPU of an IBT kernel, so IBT would trap an indirect call.
 */
export function applySealEndbr(ctx: PassContext): PassRecord[] {
  const out: PassRecord[] = [];
  for (const addr of ctx.tables.endbrSeal) {
    const cur = ctx.image.read(addr, 4);
    if (!cur) continue;
    if (!isEndbr(cur, ctx.style.endbrPoison)) {
      out.push(kept(ctx.image, 'endbr-seal', addr, 4, 'not an ENDBR (the kernel warns)'));
      continue;
    }
    out.push(poke(ctx.image, 'endbr-seal', addr, ctx.style.endbrPoison, 'ENDBR sealed'));
  }
  return out;
}
