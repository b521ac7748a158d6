import { X86_NOPS } from '../patch/nops';
import { genRel32, CALL_INSN_OPCODE, poke } from './poke';
import type { PassContext, PassRecord } from './types';

const NOP5 = Uint8Array.from(X86_NOPS[5] as number[]);

/**
 * `ftrace_init()` → `ftrace_process_locs()` → `ftrace_make_nop()`: every `__mcount_loc` entry
 * in kernel or init text (zeroed weak functions are skipped) must hold `call __fentry__`, which
 * becomes the 5-byte NOP. The first mismatch is an `ftrace_bug()` and ends the pass.
 */
export function applyFtrace(ctx: PassContext): PassRecord[] {
  const fentry = ctx.symbol('__fentry__');
  const out: PassRecord[] = [];
  if (fentry === undefined) return out;
  const inText = textRanges(ctx);
  for (const addr of ctx.tables.mcountLoc) {
    if (addr === 0n || !inText(addr)) continue;
    const cur = ctx.image.read(addr, 5);
    const expect = genRel32(CALL_INSN_OPCODE, addr, fentry);
    if (!cur || !cur.every((b, i) => b === expect[i])) {
      out.push({
        pass: 'ftrace',
        addr,
        before: cur ?? new Uint8Array(0),
        after: cur ?? new Uint8Array(0),
        what: 'ftrace bug: not a call to __fentry__ (ftrace stops here)',
      });
      break;
    }
    out.push(poke(ctx.image, 'ftrace', addr, NOP5, 'call __fentry__ → nop'));
  }
  return out;
}

/** `is_kernel_text() || is_kernel_inittext()`. */
function textRanges(ctx: PassContext): (addr: bigint) => boolean {
  const r = (a: string, b: string): [bigint, bigint] | undefined => {
    const s = ctx.symbol(a);
    const e = ctx.symbol(b);
    return s !== undefined && e !== undefined ? [s, e] : undefined;
  };
  const ranges = [r('_stext', '_etext'), r('_sinittext', '_einittext')].filter(
    (x): x is [bigint, bigint] => x !== undefined,
  );
  return (addr) => ranges.some(([s, e]) => addr >= s && addr < e);
}
