import { kept } from './poke';
import type { PassContext, PassRecord } from './types';

/**
 * `jump_label_init()`: x86 has no `arch_jump_label_transform_static`, so the boot rewrites no
 * `__jump_table` entry; objtool already wrote the NOP or JMP of each key's initial state. The
 * records say which one each site holds. Keys switched later in the boot (static_branch_enable
 * from an initcall) change bytes no table shows; memdiff lists those as unexplained.
 */
export function applyJumpLabels(ctx: PassContext): PassRecord[] {
  const out: PassRecord[] = [];
  for (const e of ctx.tables.jumpTable) {
    const cur = ctx.image.read(e.code, 2);
    if (!cur) continue;
    const op = cur[0] as number;
    const size = op === 0xeb || op === 0x66 ? 2 : 5;
    const state = op === 0xeb || op === 0xe9 ? 'jmp' : 'nop';
    out.push(kept(ctx.image, 'jump-labels', e.code, size, `${state} (initial state)`));
  }
  return out;
}
