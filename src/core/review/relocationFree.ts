/**
 * A byte run's shape with relocation taken out, to compare code across two builds where every
 * address moved: relative branch and RIP-relative fields are blanked and replaced by what they
 * point at — an offset inside the run, or the function (symbol without offset) outside it. Names
 * are cut at the first `.`: gcc clone suffixes (`.isra.0`) and BTF member paths
 * (`pv_ops.irq.save_fl`, present only when the image has `.BTF`) must not tell builds apart.
 */
import type { InsnDecoder } from '../ports';
import type { SymbolLookup } from '../symbols';
import { decodeRun, relativeTargetOffset } from './decodeRun';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** One string per run; equal strings mean "the same code, wherever it was linked". */
export function relocationFreeShape(
  bytes: Uint8Array,
  addr: bigint,
  decoder: InsnDecoder,
  symbols?: SymbolLookup,
): string {
  const run = decodeRun(decoder, bytes);
  const parts: string[] = [];
  let covered = 0;
  for (const insn of run.insns) {
    const own = bytes.slice(insn.offset, insn.offset + insn.length);
    const target = relativeTargetOffset(bytes, insn);
    if (target === null) {
      parts.push(hex(own));
    } else {
      const [at, size] = insn.ripRelative
        ? [insn.dispOffset, insn.dispSize]
        : [insn.immOffset, insn.immSize];
      own.fill(0, at, at + size);
      const inside = target >= 0 && target <= bytes.length;
      // %gs-relative operands address per-CPU data: the "target" is an offset, not a symbol.
      const perCpu = own.subarray(0, at).includes(0x65);
      const name = inside
        ? `+${target}`
        : perCpu
          ? 'percpu'
          : symbols?.(addr + BigInt(target))?.name.split('.')[0];
      // Unnamed outside targets compare by the field's size only: they moved with the build.
      parts.push(`${hex(own)}>${name ?? '?'}`);
    }
    covered = insn.offset + insn.length;
  }
  if (covered < bytes.length) parts.push(hex(bytes.subarray(covered)));
  return parts.join(' ');
}
