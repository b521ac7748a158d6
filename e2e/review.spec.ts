import { defaultScenario } from '../src/examples';
import { nested } from '../src/examples/nested';
import { createDefaultShareState, encodePermalink } from '../src/permalink';
import type { ShareState } from '../src/permalink';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const ORDERING_BUG = 'xen_direct_call_outer';
const READ_CR2 = '0xffffffff81001000';
const XSAVE = '0xffffffff81283cd3';

/** Open the default scenario through a link with these choices (what a shared review would do). */
async function openLink(app: AppPage, choices: Partial<ShareState>) {
  await app.open(
    encodePermalink({ ...createDefaultShareState(), scenario: defaultScenario, ...choices }),
  );
  await expect(app.page.getByTestId('review-panel')).toBeVisible();
}

test('the ordering bug, step by step: single-pass timeline, then the loops compared', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(ORDERING_BUG);
  await app.featureToggle('XENPV').check();
  const timeline = page.getByTestId('timeline');
  await expect(page.getByTestId('timeline-position')).toHaveText('step 1 of 8');
  await expect(page.getByTestId('timeline-title')).toHaveText('evaluate entries');
  await page.getByTestId('timeline-next').click();
  await expect(page.getByTestId('timeline-explanation')).toContainText(
    'the last eligible entry wins: entry #1 (XENPV)',
  );
  // Keyboard: → to the DIRECT_CALL step, End to the one write.
  await timeline.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('timeline-title')).toHaveText('DIRECT_CALL');
  await page.keyboard.press('End');
  // The one write replaces one instruction: nothing is flagged; its byte-wise states are
  // explained as unobservable (interrupts are off during text_poke_early).
  await expect(page.getByTestId('timeline-title')).toHaveText('write');
  await expect(page.getByTestId('timeline-flag')).toHaveCount(0);
  await expect(page.getByTestId('timeline-torn')).toHaveText(
    '5 byte-by-byte state(s) exist during this write; none is observable, because text_poke_early() copies with interrupts off.',
  );
  await expect(page.getByTestId('timeline-bytes')).toContainText('after: e81b1b200090');
  // Mouse: scrub back to the start.
  await page.getByTestId('timeline-scrub').fill('0');
  await expect(page.getByTestId('timeline-position')).toHaveText('step 1 of 8');

  await page.getByTestId('review-tab-loops').click();
  await expect(page.getByTestId('loops-verdict')).toHaveText('The loops disagree at this site.');
  await expect(page.getByTestId('loops-multi-pass')).toContainText(
    'kernel-bug-direct-call-original',
  );
  await expect(page.getByTestId('loops-causes')).toContainText('direct-call-order');
});

test('timeline, multi-pass: the ordering bug shows the intermediate write, then the BUG', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openLink(app, { features: ['XENPV'], engine: 'multi-pass', site: '0xffffffff81001010' });
  await expect(page.getByTestId('timeline-position')).toHaveText('step 1 of 2');
  await expect(page.getByTestId('timeline-title')).toHaveText('write 1 of 1');
  await expect(page.getByTestId('timeline-explanation')).toHaveText(
    'entry #0 (ALWAYS) is eligible: its replacement, padded, relocated and NOP-optimised, is written over the whole site: ff 15 2a f0 9f 01 → 0f 20 d0 0f 1f 00',
  );
  const bytes = page.getByTestId('timeline-bytes');
  await expect(bytes).toContainText('before: ff152af09f01');
  await expect(bytes).toContainText('after: 0f20d00f1f00');
  await expect(bytes.locator('li')).toHaveText(['+0: mov %cr2, %rax', '+3: nopl (%rax)']);
  await page.getByTestId('timeline-next').click();
  await expect(page.getByTestId('timeline-title')).toHaveText('BUG()');
  await expect(page.getByTestId('timeline-explanation')).toHaveText(
    'ALT_FLAG_DIRECT_CALL set for unrecognized indirect call',
  );
});

test('timeline, multi-pass: read_cr2 flags the other boundaries and the cut return address', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openLink(app, { engine: 'multi-pass', site: READ_CR2 });
  await expect(page.getByTestId('timeline-title')).toHaveText('write 1 of 2 ⚑');
  await expect(page.getByTestId('timeline-flag')).toHaveText(
    'Instruction boundaries differ from the final state. ',
  );
  // Play runs to the end by itself.
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-position')).toHaveText('step 2 of 2');
  await expect(page.getByTestId('timeline-title')).toHaveText('write 2 of 2 ⚑');
  await expect(page.getByTestId('timeline-flag')).toHaveText(
    'A CPU stopped at an old instruction boundary (+5) would resume inside a new instruction.',
  );
  await expect(page.getByTestId('timeline-bytes')).toContainText('after: 0f20d00f1f00');
  await expect(page.getByTestId('timeline-play')).toHaveText('Play');
});

test('compare loops: read_cr2 ends the same, but multi-pass makes the call live first', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openLink(app, { site: READ_CR2 });
  await page.getByTestId('review-tab-loops').click();
  await expect(page.getByTestId('loops-verdict')).toHaveText(
    'Same final bytes, but multi-pass makes other bytes live first.',
  );
  await expect(page.getByTestId('loops-single-pass').locator('code')).toHaveText('0f20d00f1f00');
  await expect(page.getByTestId('loops-multi-pass').locator('code')).toHaveText('0f20d00f1f00');
  await expect(page.getByTestId('loops-single-pass')).toContainText('1 write');
  await expect(page.getByTestId('loops-multi-pass')).toContainText('2 writes');
  await expect(page.getByTestId('loops-causes')).toHaveText(
    'intermediate-visible: multi-pass made 1 intermediate state live: entry #0 left e8 2b 1b 20 00 90',
  );
});

test('byte ruler: the nested example shows the inner and the outer padding', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setScenarioText(nested.text);
  await page.getByTestId('review-tab-ruler').click();
  const ruler = page.getByTestId('byte-ruler');
  await expect(ruler.locator('li')).toHaveText([
    'site length 6 (longest instrlen); compiled code 0',
    'entry #0 padding [0:3)',
    'entry #1 padding [3:6)',
    'entry #0: instrlen 3, replacementlen 3, +3 by the longest-instrlen fix-up',
    'entry #1: instrlen 6, replacementlen 6',
    'NOP run merged [0:6)',
  ]);
  await expect(ruler.locator('.ruler-padding')).toHaveCount(2);
});

test('truth table: the XSAVE site has 8 combinations in 4 outcomes', async ({ page }) => {
  const app = new AppPage(page);
  await openLink(app, { site: XSAVE });
  await page.getByTestId('review-tab-truth').click();
  const table = page.getByTestId('truth-table');
  await expect(page.getByTestId('truth-summary')).toHaveText('8 combinations, 4 outcomes');
  await expect(table.locator('thead th')).toHaveText([
    'XSAVEOPT',
    'XSAVEC',
    'XSAVES',
    'final',
    'entry',
  ]);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(8);
  const group = (g: number) => table.locator(`tbody tr[data-group="${g}"]`);
  await expect(group(0)).toHaveCount(1);
  await expect(group(0).locator('td').nth(3)).toHaveText('490fae642440');
  await expect(group(0).locator('td').nth(4)).toHaveText('original');
  await expect(group(1)).toHaveCount(1);
  await expect(group(1).locator('td').nth(3)).toHaveText('490fae742440');
  await expect(group(2)).toHaveCount(2);
  await expect(group(2).locator('td:nth-child(4)')).toHaveText(['490fc7642440', '490fc7642440']);
  await expect(group(3)).toHaveCount(4);
  await expect(group(3).locator('td:nth-child(5)')).toHaveText([
    '#2 the winner',
    '#2 the winner',
    '#2 the winner',
    '#2 the winner',
  ]);
  await expect(page.getByTestId('truth-never-wins')).toHaveCount(0);
  await expect(page.getByTestId('truth-entry-outcomes').locator('li')).toHaveText([
    'entry #0: not eligible; the winner; eligible but superseded by #1; eligible but superseded by #2',
    'entry #1: not eligible; the winner; eligible but superseded by #2',
    'entry #2: not eligible; the winner',
  ]);
});

test('multi-pass verdicts: the ordering bug writes #0, then BUG()s on #1', async ({ page }) => {
  const app = new AppPage(page);
  await openLink(app, { site: '0xffffffff81001010', engine: 'multi-pass', features: ['XENPV'] });
  const verdicts = page.getByTestId('entry-column').locator('.verdict');
  await expect(verdicts).toHaveText(['✔ written last', '✘ BUG while writing']);
  await page.getByTestId('review-tab-truth').click();
  await expect(page.getByTestId('truth-table').locator('tbody td:nth-child(3)')).toHaveText([
    '#0 written last',
    '#0 written last, #1 BUG while writing kernel-bug-direct-call-original',
  ]);
  await expect(page.getByTestId('truth-entry-outcomes').locator('li')).toHaveText([
    'entry #0: written last',
    'entry #1: not eligible; BUG while writing',
  ]);
  await expect(page.getByTestId('truth-never-wins')).toHaveCount(0);
});

test('lints: a shadowed entry and two CPUID mismatches, each explained', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setScenarioText(`kernel 7.2
site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
  orig 49 0f ae 64 24 40
  alt XSAVEOPT at 0xffffffff89c1e6d9 49 0f c7 64 24 40
  alt ALWAYS 49 0f ae 74 24 40
`);
  await page.getByTestId('review-tab-lints').click();
  const lints = page.getByTestId('lints');
  await expect(lints.locator('summary')).toHaveText([
    'never-wins: entry #0 (XSAVEOPT) is never the last eligible entry: a later entry is always eligible when it is',
    'cpuid-mismatch: entry #0 (XSAVEOPT): `xsavec64 0x40(%r12)` at +0 needs XSAVEC, not implied by XSAVEOPT',
    'cpuid-mismatch: entry #1 (ALWAYS): `xsaveopt64 0x40(%r12)` at +0 needs XSAVEOPT, not implied by ALWAYS',
  ]);
  await lints.locator('summary').nth(1).click();
  await expect(lints.locator('details').nth(1)).toContainText(
    'Otherwise a CPU with the feature but without the instruction takes #UD at the site.',
  );
  // A clean site says so.
  await app.setScenarioText(
    `kernel 7.2\nsite 0xffffffff81001000\n  orig 90 90 90\n  alt XSAVEOPT 0f ae e8\n`,
  );
  await expect(lints).toHaveText('No lint findings at this site.');
});

test('teaching mode: the XSAVE site narrated in plain words, in a larger font', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openLink(app, { features: ['XSAVEOPT'], site: XSAVE });
  await page.getByTestId('review-tab-teach').click();
  const narration = page.getByTestId('narration');
  await expect(narration.locator('p')).toHaveText([
    'XSAVEOPT is on, XSAVEC is off, XSAVES is off: the last eligible entry is XSAVEOPT (entry #0), so it alone is written, once.',
    "The site's 6 bytes end up as xsaveopt64 0x40(%r12).",
  ]);
  const size = (sel: string) =>
    page
      .locator(sel)
      .first()
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(await size('[data-testid="narration"] p')).toBeGreaterThan(await size('body'));
  // Switching a feature retells the story.
  await app.featureToggle('XSAVEC').check();
  await expect(narration.locator('p').first()).toHaveText(
    'XSAVEOPT is on, XSAVEC is on, XSAVES is off: the last eligible entry is XSAVEC (entry #1), so it alone is written, once.',
  );
});
