import type { Example } from './example';
import { NATIVE_RUNS } from './example';

export const longPadding: Example = {
  id: 'long-padding',
  title: 'Long padding: fifteen NOPs become a jump over int3',
  description:
    'When the feature is off, the site keeps its original bytes, fifteen 0x90 of padding, and the ' +
    'NOP optimizer rewrites them. A run longer than the longest NOP (11 bytes since 6.4) becomes ' +
    'jmp +13 followed by int3 bytes (eb 0d cc …), so the CPU skips the padding in one jump.',
  text: `kernel 7.2

# ALTERNATIVE("", "mov $1,%rax; mov $2,%rcx; int3", 9*32+20)
site 0xffffffff81001000
  orig 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90
  alt 9*32+20 at 0xffffffff82800000  48 c7 c0 01 00 00 00 48 c7 c1 02 00 00 00 cc
`,
  cpus: [
    { name: 'none', features: [] },
    { name: 'fa', features: ['9*32+20'] },
  ],
  runs: NATIVE_RUNS,
  // Feature off: the fifteen NOPs become a jump over int3.
  opens: { cpu: 'none', tab: 'timeline' },
};
