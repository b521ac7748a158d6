import type { Example } from './example';
import { PARAVIRT_PREAMBLE } from './paravirt';

/**
 * The shape of the bug the single-pass change fixed: an eligible entry before the DIRECT_CALL
 * entry overwrites the indirect call the DIRECT_CALL entry needs. Placed after read_cr2 so both
 * fit one table; the slot is the same pv_ops+0x40.
 */
export const ORDERING_BUG_SITE = `# ALTERNATIVE_2(PARAVIRT_CALL, mov %cr2,%rax, ALWAYS, ALT_CALL_INSTR, ALT_DIRECT_CALL(XENPV))
site 0xffffffff81001010 xen_direct_call_outer
  orig ff 15 2a f0 9f 01                        # call *0x19ff02a(%rip) -> pv_ops+0x40
  alt ALWAYS at 0xffffffff82800008              0f 20 d0         # mov %cr2,%rax
  alt XENPV DIRECT_CALL                         e8 f0 ff bf fe   # call BUG_func
`;

export const orderingBug: Example = {
  id: 'ordering-bug',
  title: 'The ordering bug: DIRECT_CALL after another eligible entry',
  description:
    'ALTERNATIVE_2(PARAVIRT_CALL, instr, feature, ALT_CALL_INSTR, X86_FEATURE_XENPV) puts the ' +
    'DIRECT_CALL entry second. Under Xen PV both entries are eligible. 6.12 applies them in turn: ' +
    'the first writes mov %cr2,%rax over the indirect call, then alt_replace_call() finds 0f 20 ' +
    'instead of ff 15 and the kernel BUGs ("ALT_FLAG_DIRECT_CALL set for unrecognized indirect ' +
    'call"). 7.2 evaluates the whole site first, picks the last eligible entry and reads the ' +
    'pristine call, so the site becomes call xen_read_cr2. This is why the kernel moved to one ' +
    'write per site. Try 7.2 with --engine multi-pass to see the old loop on the new kernel.',
  text: `kernel 7.2\n${PARAVIRT_PREAMBLE}\n${ORDERING_BUG_SITE}`,
  cpus: [
    { name: 'native', features: [] },
    { name: 'xenpv', features: ['XENPV'] },
  ],
  runs: [
    { kernel: '6.12', engine: 'multi-pass' },
    { kernel: '7.2', engine: 'single-pass' },
    { kernel: '7.2', engine: 'multi-pass' },
  ],
  // Xen PV under the old loop: the BUG; the loops tab compares it with the single pass.
  opens: { cpu: 'xenpv', engine: 'multi-pass', tab: 'loops' },
};
