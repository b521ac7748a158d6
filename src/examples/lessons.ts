/**
 * The teaching path: the macros as the source writes them, from one ALTERNATIVE to the
 * single-pass rework. Each lesson is an example (golden cases, the examples menu) and a
 * permalink (`lessonShareState`) that opens it on the CPU the lesson is about, in teaching mode.
 */
import type { KernelVersion } from '../core/model';
import type { ShareState } from '../permalink/shareState';
import { createDefaultShareState } from '../permalink/shareState';
import type { Example } from './example';
import { NATIVE_RUNS } from './example';
import { PARAVIRT_PREAMBLE } from './paravirt';

/** A lesson: an example plus the CPU and kernel its link opens with. */
export interface Lesson extends Example {
  show: { kernel: KernelVersion; features: string[] };
}

/**
 * From the examples menu a lesson opens as its link does: on the CPU whose features `show` names,
 * in teaching mode.
 */
function opening(lesson: Omit<Lesson, 'opens'>): Lesson {
  const want = [...lesson.show.features].sort().join();
  const cpu = lesson.cpus.find((c) => [...c.features].sort().join() === want);
  if (!cpu) throw new Error(`lesson ${lesson.id}: no cpu has the features it shows`);
  return { ...lesson, opens: { cpu: cpu.name, tab: 'teach' } };
}

const SITE = 'site 0xffffffff81001000';

export const LESSONS: readonly Lesson[] = (
  [
    {
      id: 'lesson-1-alternative',
      title: 'Lesson 1 · ALTERNATIVE: one replacement, padded',
      description:
        'stac() is ALTERNATIVE("", "stac", X86_FEATURE_SMAP): nothing to run without SMAP, so the ' +
        'macro pads the empty original with three 0x90 bytes, as long as the replacement, and emits ' +
        'one alt_instr with instrlen 3. With SMAP the kernel copies stac over the padding; without ' +
        'it, the padding is rewritten as one 3-byte NOP.',
      text: `kernel 7.2\n${SITE} clac_stac\n  ALTERNATIVE "", "stac", X86_FEATURE_SMAP\n`,
      cpus: [
        { name: 'none', features: [] },
        { name: 'smap', features: ['SMAP'] },
      ],
      runs: NATIVE_RUNS,
      show: { kernel: '7.2', features: ['SMAP'] },
    },
    {
      id: 'lesson-2-alternative-2',
      title: 'Lesson 2 · ALTERNATIVE_2: nested, one instrlen per level',
      description:
        'rdtsc_ordered() is ALTERNATIVE_2("rdtsc", "lfence; rdtsc", LFENCE_RDTSC, "rdtscp", RDTSCP). ' +
        'Since 6.10 this is ALTERNATIVE(ALTERNATIVE("rdtsc", "lfence; rdtsc", LFENCE_RDTSC), ' +
        '"rdtscp", RDTSCP): the inner level pads rdtsc (2 bytes) to 5 and its entry says instrlen 5; ' +
        'the outer replacement (3 bytes) fits, so it adds nothing. With both features the last ' +
        'eligible entry wins: rdtscp, then a 2-byte NOP.',
      text: `kernel 7.2\n${SITE} rdtsc_ordered\n  ALTERNATIVE_2 "rdtsc", "lfence; rdtsc", X86_FEATURE_LFENCE_RDTSC, "rdtscp", X86_FEATURE_RDTSCP\n`,
      cpus: [
        { name: 'none', features: [] },
        { name: 'lfence', features: ['LFENCE_RDTSC'] },
        { name: 'both', features: ['LFENCE_RDTSC', 'RDTSCP'] },
      ],
      runs: NATIVE_RUNS,
      show: { kernel: '7.2', features: ['LFENCE_RDTSC', 'RDTSCP'] },
    },
    {
      id: 'lesson-3-alternative-3',
      title: 'Lesson 3 · ALTERNATIVE_3: XSTATE_XSAVE',
      description:
        'The FPU save path is ALTERNATIVE_3(xsave64, xsaveopt64, XSAVEOPT, xsavec64, XSAVEC, ' +
        'xsaves64, XSAVES): three levels, all four bytes here, so no padding and instrlen 4 ' +
        'everywhere. On a CPU with XSAVEOPT and XSAVEC the third entry is not eligible and ' +
        'the second one, xsavec64, is the last eligible: it wins.',
      text: `kernel 7.2\n${SITE} os_xsave\n  ALTERNATIVE_3 "xsave64 (%rdi)", "xsaveopt64 (%rdi)", X86_FEATURE_XSAVEOPT, "xsavec64 (%rdi)", X86_FEATURE_XSAVEC, "xsaves64 (%rdi)", X86_FEATURE_XSAVES\n`,
      cpus: [
        { name: 'none', features: [] },
        { name: 'opt-c', features: ['XSAVEOPT', 'XSAVEC'] },
        { name: 'all', features: ['XSAVEOPT', 'XSAVEC', 'XSAVES'] },
      ],
      runs: NATIVE_RUNS,
      show: { kernel: '7.2', features: ['XSAVEOPT', 'XSAVEC'] },
    },
    {
      id: 'lesson-4-alt-not',
      title: 'Lesson 4 · ALT_NOT: patch when a feature is absent',
      description:
        'ALT_NOT(X86_FEATURE_XENPV) sets ALT_FLAG_NOT (bit 16 of ft_flags): the entry applies when ' +
        'the feature is missing. Here the native mov %cr2,%rax replaces a 6-byte placeholder on ' +
        'bare metal, and a Xen PV guest keeps the original.',
      text: `kernel 7.2\n${PARAVIRT_PREAMBLE}\n${SITE} read_cr2\n  ALTERNATIVE "call *pv_ops+0x40(%rip)", "mov %cr2, %rax", ALT_NOT(X86_FEATURE_XENPV)\n`,
      cpus: [
        { name: 'native', features: [] },
        { name: 'xenpv', features: ['XENPV'] },
      ],
      runs: NATIVE_RUNS,
      show: { kernel: '7.2', features: [] },
    },
    {
      id: 'lesson-5-ternary',
      title: 'Lesson 5 · ALTERNATIVE_TERNARY: yes or no',
      description:
        'ALTERNATIVE_TERNARY(old, feature, yes, no) is ALTERNATIVE_2(old, no, X86_FEATURE_ALWAYS, ' +
        'yes, feature): the "no" entry is always eligible, the "yes" entry comes later and wins ' +
        'when the feature is present. This is the shape of _static_cpu_has(): jump to t_no unless ' +
        'the feature is there, then the jump becomes a NOP.',
      text: `kernel 7.2\nsymbol t_yes 0xffffffff81001100\nsymbol t_no 0xffffffff81001200\n${SITE} static_cpu_has_smap\n  ALTERNATIVE_TERNARY("jmp t_yes", X86_FEATURE_SMAP, "", "jmp t_no")\n`,
      cpus: [
        { name: 'none', features: [] },
        { name: 'smap', features: ['SMAP'] },
      ],
      runs: NATIVE_RUNS,
      show: { kernel: '7.2', features: [] },
    },
    {
      id: 'lesson-6-direct-call',
      title: 'Lesson 6 · ALT_DIRECT_CALL: paravirt calls made direct',
      description:
        'read_cr2() is ALTERNATIVE_2("call *pv_ops+0x40(%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS, ' +
        '"mov %cr2, %rax", ALT_NOT(X86_FEATURE_XENPV)). ALT_CALL_INSTR is "call BUG_func"; the ' +
        'DIRECT_CALL flag makes the kernel read the pv_ops slot and call its target directly. In a ' +
        'Xen PV guest only that entry applies: call xen_read_cr2.',
      text: `kernel 7.2\n${PARAVIRT_PREAMBLE}\n${SITE} read_cr2\n  ALTERNATIVE_2 "call *pv_ops+0x40(%rip)", ALT_CALL_INSTR, ALT_CALL_ALWAYS, "mov %cr2, %rax", ALT_NOT(X86_FEATURE_XENPV)\n`,
      cpus: [
        { name: 'native', features: [] },
        { name: 'xenpv', features: ['XENPV'] },
      ],
      runs: NATIVE_RUNS,
      show: { kernel: '7.2', features: ['XENPV'] },
    },
    {
      id: 'lesson-7-ordering-bug',
      title: 'Lesson 7 · Why one write per site: the ordering bug (6.12)',
      description:
        'Put the DIRECT_CALL entry second: ALTERNATIVE_2("call *pv_ops+0x40(%rip)", "mov %cr2, %rax", ' +
        'X86_FEATURE_ALWAYS, ALT_CALL_INSTR, ALT_DIRECT_CALL(X86_FEATURE_XENPV)). Under Xen PV both ' +
        'entries are eligible. 6.12 patches entry by entry: the first writes mov %cr2,%rax over the ' +
        'call, then alt_replace_call() finds 0f 20 where it needs ff 15 and the kernel BUGs. Open ' +
        'the same link on 7.2 (lesson 8) to see the fix.',
      text: `kernel 6.12\n${PARAVIRT_PREAMBLE}\n${SITE} xen_direct_call_outer\n  ALTERNATIVE_2 "call *pv_ops+0x40(%rip)", "mov %cr2, %rax", X86_FEATURE_ALWAYS, ALT_CALL_INSTR, ALT_DIRECT_CALL(X86_FEATURE_XENPV)\n`,
      cpus: [
        { name: 'native', features: [] },
        { name: 'xenpv', features: ['XENPV'] },
      ],
      runs: [{ kernel: '6.12', engine: 'multi-pass' }],
      show: { kernel: '6.12', features: ['XENPV'] },
    },
    {
      id: 'lesson-8-single-pass',
      title: 'Lesson 8 · The single-pass rework (7.x): the fix',
      description:
        'The same macro under 7.2: the kernel first decides which entry wins (the last eligible one), ' +
        'then writes the site once, reading the pristine indirect call. The DIRECT_CALL entry wins ' +
        'and the site becomes call xen_read_cr2 — no BUG.',
      text: `kernel 7.2\n${PARAVIRT_PREAMBLE}\n${SITE} xen_direct_call_outer\n  ALTERNATIVE_2 "call *pv_ops+0x40(%rip)", "mov %cr2, %rax", X86_FEATURE_ALWAYS, ALT_CALL_INSTR, ALT_DIRECT_CALL(X86_FEATURE_XENPV)\n`,
      cpus: [
        { name: 'native', features: [] },
        { name: 'xenpv', features: ['XENPV'] },
      ],
      runs: [{ kernel: '7.2', engine: 'single-pass' }],
      show: { kernel: '7.2', features: ['XENPV'] },
    },
  ] satisfies Omit<Lesson, 'opens'>[]
).map(opening);

/** The link state a lesson opens with: its CPU, its kernel, its site, teaching mode on. */
export function lessonShareState(lesson: Lesson): ShareState {
  const base = createDefaultShareState();
  return {
    ...base,
    scenario: lesson.text,
    kernel: lesson.show.kernel,
    engine: lesson.show.kernel === '6.12' ? 'multi-pass' : 'single-pass',
    features: lesson.show.features,
    site: '0xffffffff81001000',
    view: { ...base.view, teachingMode: true },
  };
}
