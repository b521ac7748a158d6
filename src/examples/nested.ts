import type { Example } from './example';
import { NATIVE_RUNS } from './example';

export const nested: Example = {
  id: 'nested-instrlen',
  title: 'Nested entries: the outer alternative adds padding',
  description:
    'Since 6.11 ALTERNATIVE_2(old, n1, f1, n2, f2) is ALTERNATIVE(ALTERNATIVE(old, n1, f1), n2, f2). ' +
    'With an empty old, the inner entry covers three padding bytes (instrlen 3, lfence) and the ' +
    'outer one six (instrlen 6, mfence; lfence): the entries of one site can have different ' +
    'instrlen, and the kernel patches max(instrlen) bytes. With only the first feature, lfence is ' +
    'followed by a 3-byte NOP; with the second the outer replacement fills the site.',
  text: `kernel 7.2

# ALTERNATIVE_2("", "lfence", 9*32+20, "mfence; lfence", 11*32+12)
site 0xffffffff81001000
  orig 90 90 90 90 90 90
  alt 9*32+20 instrlen 3 at 0xffffffff82800000  0f ae e8            # lfence
  alt 11*32+12                                   0f ae f0 0f ae e8   # mfence; lfence
`,
  cpus: [
    { name: 'none', features: [] },
    { name: 'fa', features: ['9*32+20'] },
    { name: 'fb', features: ['11*32+12'] },
    { name: 'both', features: ['9*32+20', '11*32+12'] },
  ],
  runs: NATIVE_RUNS,
  // Only the inner feature: lfence plus a 3-byte NOP, two instrlens on the byte ruler.
  opens: { cpu: 'fa', tab: 'ruler' },
};
