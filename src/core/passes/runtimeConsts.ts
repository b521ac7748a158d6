import type { PassContext, PassRecord } from './types';
import { poke } from './poke';

/**
 * `runtime_const_init()`: each `runtime_ptr_<sym>` site is the 8-byte immediate of
 * `movabs $0x0123456789abcdef`, each `runtime_shift_<sym>` site the imm8 of `shrl $12`; the
 * kernel writes the variable's value there. `USER_PTR_MAX` follows from the paging mode; hash
 * table addresses and shifts depend on the booted machine's memory and are reported as such
 * unless given in `options.runtimeValues`.
 */
export function applyRuntimeConsts(ctx: PassContext): PassRecord[] {
  const out: PassRecord[] = [];
  for (const rc of ctx.tables.runtimeConsts) {
    const value = ctx.options.runtimeValues?.[rc.name] ?? derivedValue(ctx, rc.name);
    const size = rc.kind === 'ptr' ? 8 : 1;
    if (value === undefined) {
      const cur = ctx.image.read(rc.addr, size) ?? new Uint8Array(0);
      out.push({
        pass: 'runtime-consts',
        addr: rc.addr,
        before: cur,
        after: cur,
        what: `${rc.name}: known only on the booted machine`,
        unknowable: true,
      });
      continue;
    }
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn);
    out.push(
      poke(ctx.image, 'runtime-consts', rc.addr, bytes, `${rc.name} = 0x${value.toString(16)}`),
    );
  }
  return out;
}

/** Values the kernel computes from the CPU alone: `USER_PTR_MAX = TASK_SIZE_MAX`. */
function derivedValue(ctx: PassContext, name: string): bigint | undefined {
  if (name !== 'USER_PTR_MAX') return undefined;
  const shift = ctx.has('LA57') ? 56n : 47n;
  return (1n << shift) - 4096n;
}
