import type { Example } from './example';
import { NATIVE_RUNS } from './example';

/** Only the site: reused by the default scenario. */
export const XSTATE_XSAVE_SITE = `# XSTATE_XSAVE: ALTERNATIVE_3(xsave64, xsaveopt64, XSAVEOPT, xsavec64, XSAVEC, xsaves64, XSAVES)
site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
  orig ffffffff81283cd3:  49 0f ae 64 24 40   xsave64 0x40(%r12)
  alt XSAVEOPT at 0xffffffff89c1e6d9   49 0f ae 74 24 40   # xsaveopt64 0x40(%r12)
  alt XSAVEC                           49 0f c7 64 24 40   # xsavec64 0x40(%r12)  (0f c7 /4)
  alt XSAVES                           49 0f c7 6c 24 40   # xsaves64 0x40(%r12)  (0f c7 /5)
`;

export const xstateXsave: Example = {
  id: 'xstate-xsave',
  title: 'XSTATE_XSAVE: three nested alternatives, the last eligible one wins',
  description:
    'The FPU state save in save_fpregs_to_fpstate() is ALTERNATIVE_3(xsave64, xsaveopt64, XSAVEOPT, ' +
    'xsavec64, XSAVEC, xsaves64, XSAVES): three entries at one address, in table order. On a CPU with ' +
    'XSAVEOPT and XSAVEC both entries are eligible and the later one, xsavec64, ends up at the site; ' +
    '6.12 writes the site twice to get there, 7.2 once. The site and replacement address come from ' +
    'the debug-alternative log in the single-pass patch thread, which labels 49 0f c7 64 24 40 as ' +
    'xsaves64: it is xsavec64 (0f c7 /4); xsaves64 is /5, 49 0f c7 6c 24 40.',
  text: `kernel 7.2\n\n${XSTATE_XSAVE_SITE}`,
  cpus: [
    { name: 'none', features: [] },
    { name: 'xsaveopt', features: ['XSAVEOPT'] },
    { name: 'xsaveopt-xsavec', features: ['XSAVEOPT', 'XSAVEC'] },
    { name: 'all', features: ['XSAVEOPT', 'XSAVEC', 'XSAVES'] },
  ],
  runs: NATIVE_RUNS,
  // XSAVEOPT and XSAVEC: the later eligible entry wins; the loops tab shows 6.12's two writes.
  opens: { cpu: 'xsaveopt-xsavec', tab: 'loops' },
};
