/**
 * Issue 14, teaching defaults: each built-in example opens in the state that shows its point,
 * with its description on screen.
 */
import { EXAMPLES, LESSONS } from '../src/examples';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

/** Per example: the features switched on, the loop, the open tab, and what the Final shows. */
const POINTS: Record<string, { on: string[]; loop: string; tab: string; final: string[] }> = {
  'xstate-xsave': {
    on: ['XSAVEOPT', 'XSAVEC'],
    loop: 'single-pass',
    tab: 'Compare loops',
    final: ['xsavec64 0x40(%r12)'],
  },
  'paravirt-read-cr2': {
    on: ['XENPV'],
    loop: 'single-pass',
    tab: 'Timeline',
    final: ['call ffffffff81202b30 <xen_read_cr2>', 'DIRECT_CALL'],
  },
  'ordering-bug': {
    on: ['XENPV'],
    loop: 'multi-pass',
    tab: 'Compare loops',
    final: ['kernel-bug-direct-call-original'],
  },
  relocation: {
    on: ['SMAP'],
    loop: 'single-pass',
    tab: 'Timeline',
    final: ['lea 0x19feff9(%rip), %rdi', 'relocated RIP-rel', 'relocated branch'],
  },
  'alt-not': { on: [], loop: 'single-pass', tab: 'Truth table', final: ['lfence'] },
  'nested-instrlen': {
    // 9*32+20 is SMAP in 7.2.
    on: ['SMAP'],
    loop: 'single-pass',
    tab: 'Byte ruler',
    final: ['lfence', 'nopl (%rax)', 'NOP run'],
  },
  'long-padding': { on: [], loop: 'single-pass', tab: 'Timeline', final: ['jmp'] },
};
/** The menu also lists the lessons; lessons.spec.ts checks how they open. */
const NOT_LESSONS = EXAMPLES.filter((e) => !LESSONS.some((l) => l.id === e.id));

test('every example opens in the state that shows its point, with its description', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBe(3);
  expect(Object.keys(POINTS).sort()).toEqual(NOT_LESSONS.map((e) => e.id).sort());
  for (const example of NOT_LESSONS) {
    const point = POINTS[example.id];
    if (!point) throw new Error(`no expectation for ${example.id}`);
    await page.getByRole('combobox', { name: 'Open an example' }).selectOption(example.id);
    const intro = page.getByTestId('example-intro');
    await expect(intro).toContainText(example.title);
    await expect(intro).toContainText(example.description);
    const checked = await app.checkedFeatures();
    expect(checked, example.id).toEqual(point.on);
    await expect(page.getByRole('combobox', { name: 'Patch loop' })).toHaveValue(point.loop);
    await expect(page.getByRole('tab', { name: point.tab })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    for (const text of point.final) await expect(app.finalColumn).toContainText(text);
  }
  // Once edited, it is the user's scenario: the example's description goes.
  await app.setScenarioText(`${EXAMPLES[0]?.text ?? ''}\n# mine now\n`);
  await expect(page.getByTestId('example-intro')).toHaveCount(0);
});
