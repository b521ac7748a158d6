import type { Example } from './example';
import { NATIVE_RUNS } from './example';

export const altNot: Example = {
  id: 'alt-not',
  title: 'ALT_NOT: patch when a feature is absent',
  description:
    'ALT_NOT(feature) sets ALT_FLAG_NOT, so the entry is eligible when the feature is missing: ' +
    'eligible = has(feature) XOR NOT. Here ALTERNATIVE("", "lfence", ALT_NOT(9*32+20)) puts lfence ' +
    'into three padding bytes on a CPU without bit 9*32+20 and leaves them as one 3-byte NOP (0f 1f 00) ' +
    'on a CPU with it. The feature bit is the arbitrary one the kernel test vectors use.',
  text: `kernel 7.2

# ALTERNATIVE("", "lfence", ALT_NOT(9*32+20))
site 0xffffffff81001000
  orig 90 90 90
  alt NOT 9*32+20 at 0xffffffff82800000  0f ae e8   # lfence
`,
  cpus: [
    { name: 'none', features: [] },
    { name: 'fa', features: ['9*32+20'] },
  ],
  runs: NATIVE_RUNS,
  // Without the feature the NOT entry patches; the truth table shows the XOR.
  opens: { cpu: 'none', tab: 'truth' },
};
