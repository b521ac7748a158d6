import type { Example } from './example';
import { NATIVE_RUNS } from './example';

export const relocation: Example = {
  id: 'relocation',
  title: 'Relocation: a rel32 call and a RIP-relative lea moved to the site',
  description:
    'A replacement is assembled in .altinstr_replacement, so its call rel32 and its lea x(%rip) ' +
    'are relative to where it was linked. When the kernel copies it to the site it adds ' +
    '(replacement address − site address) to every relative field whose target lies outside the ' +
    'replacement, so the copied lea still reaches alt_data and the call still reaches alt_func. ' +
    "This is the shape of the kernel's own alt_reloc_selftest. Without the feature, the twelve " +
    'padding NOPs become one jmp over int3 (eb 0a), because twelve is more than the longest NOP.',
  text: `kernel 7.2
symbol alt_func 0xffffffff81200000
symbol alt_data 0xffffffff82a00000

# ALTERNATIVE("", "lea alt_data(%rip), %rdi; call alt_func", X86_FEATURE_SMAP)
site 0xffffffff81001000
  orig 90 90 90 90 90 90 90 90 90 90 90 90
  alt SMAP at 0xffffffff82800000
ffffffff82800000:  48 8d 3d f9 ff 1f 00    lea 0x1ffff9(%rip),%rdi   # alt_data
ffffffff82800007:  e8 f4 ff 9f fe          call 0xffffffff81200000   # alt_func
`,
  cpus: [
    { name: 'none', features: [] },
    { name: 'smap', features: ['SMAP'] },
  ],
  runs: NATIVE_RUNS,
  // SMAP on: the replacement is copied and its call and lea relocated.
  opens: { cpu: 'smap', tab: 'timeline' },
};
