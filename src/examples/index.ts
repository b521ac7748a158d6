/**
 * The built-in examples, listed explicitly (never discovered by scanning), and the default
 * scenario the app opens with: XSTATE_XSAVE, a paravirt call, and the ordering bug in one table.
 */
import { altNot } from './altNot';
import type { Example } from './example';
import { longPadding } from './longPadding';
import { nested } from './nested';
import { orderingBug, ORDERING_BUG_SITE } from './orderingBug';
import { paravirt, PARAVIRT_PREAMBLE, READ_CR2_SITE } from './paravirt';
import { relocation } from './relocation';
import { xstateXsave, XSTATE_XSAVE_SITE } from './xstateXsave';
import { LESSONS } from './lessons';

export { LESSONS, lessonShareState } from './lessons';
export type { Lesson } from './lessons';

export type { Example, ExampleCpu } from './example';
export { exampleOpening } from './example';

export const EXAMPLES: readonly Example[] = [
  xstateXsave,
  paravirt,
  orderingBug,
  relocation,
  altNot,
  nested,
  longPadding,
  ...LESSONS,
];

/** The default scenario: (a), (b) and (c) of the brief in one table. */
export const defaultScenario = `# altscope: the Linux x86 alternatives, patched as 6.12 and 7.2 patch them.
# Try: altscope patch this-file --features XSAVEOPT,XSAVEC,XENPV --kernel 6.12
kernel 7.2
${PARAVIRT_PREAMBLE}
${XSTATE_XSAVE_SITE}
${READ_CR2_SITE}
${ORDERING_BUG_SITE}`;

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
