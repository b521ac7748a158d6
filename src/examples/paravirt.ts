import type { Example } from './example';
import { NATIVE_RUNS } from './example';

/** Symbols and the pv_ops slot the paravirt sites read (layout of the kernel test vectors). */
export const PARAVIRT_PREAMBLE = `symbol BUG_func 0xffffffff81400000
symbol nop_func 0xffffffff81400100
symbol pv_ops 0xffffffff82a00000
symbol xen_read_cr2 0xffffffff81202b30
# pv_ops.mmu.read_cr2 as Xen PV set it before alternatives ran
pointer pv_ops+0x40 = xen_read_cr2
`;

export const READ_CR2_SITE = `# read_cr2(): ALTERNATIVE_2(call *pv_ops+0x40(%rip), call BUG_func, ALT_CALL_ALWAYS,
#                          mov %cr2,%rax, ALT_NOT(XENPV))
site 0xffffffff81001000 read_cr2
  orig ff 15 3a f0 9f 01                        # call *0x19ff03a(%rip) -> pv_ops+0x40
  alt ALWAYS DIRECT_CALL at 0xffffffff82800000  e8 fb ff bf fe   # call BUG_func
  alt NOT XENPV                                 0f 20 d0         # mov %cr2,%rax
`;

export const paravirt: Example = {
  id: 'paravirt-read-cr2',
  title: 'Paravirt call: DIRECT_CALL first, the native instruction unless Xen PV',
  description:
    'Since 6.8 paravirt calls are alternatives. read_cr2() is call *pv_ops+0x40(%rip) with two ' +
    'entries: ALT_CALL_ALWAYS turns the indirect call into a direct call to whatever the pv_ops ' +
    'slot holds (the replacement is call BUG_func, retargeted by alt_replace_call(); a NULL slot ' +
    'would leave BUG_func, nop_func would make the site NOPs), and ALT_NOT(X86_FEATURE_XENPV) puts ' +
    'the native mov %cr2,%rax in when the kernel is not a Xen PV guest. Natively both entries are ' +
    'eligible and the native instruction wins (6.12 first writes the direct call, then overwrites it); ' +
    'under Xen PV only the direct call to xen_read_cr2 is taken.',
  text: `kernel 7.2\n${PARAVIRT_PREAMBLE}\n${READ_CR2_SITE}`,
  cpus: [
    { name: 'native', features: [] },
    { name: 'xenpv', features: ['XENPV'] },
  ],
  runs: NATIVE_RUNS,
  // Xen PV: the DIRECT_CALL entry alone, the call retargeted to xen_read_cr2.
  opens: { cpu: 'xenpv', tab: 'timeline' },
};
