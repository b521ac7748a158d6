/**
 * Issue 14's blocker: one unknown feature in a scenario must never blank the app. Every way a
 * user meets a typo (a file, typing, a profile switch, a link, a reload) keeps the app up, names
 * the typo at its line:column, and fixing it brings the sites back.
 */
import type { Page } from '@playwright/test';
import { createDefaultShareState, encodePermalink } from '../src/permalink';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const GOOD = `kernel 7.2
site 0xffffffff81283cd3 save_fpregs_to_fpstate+0x43/0xa0
  orig 49 0f ae 64 24 40
  alt XSAVEOPT 49 0f ae 74 24 40
`;
const TYPO = GOOD.replace('alt XSAVEOPT', 'alt XSAVEOPTZ');
const TYPO_AT = (kernel: string) => `4:7 error: unknown feature 'XSAVEOPTZ' for kernel ${kernel}`;

/** The typo is named where the user looks: the problem list, and instead of the sites. */
async function expectTypoShown(page: Page, kernel = '7.2') {
  await expect(page.getByTestId('scenario-diagnostics')).toContainText(TYPO_AT(kernel));
  await expect(page.getByTestId('render-error')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Kernel profile' })).toBeVisible();
}

/** Fix the typo as a user would: jump to it from the problem list and delete the Z. */
async function fixTypoByTyping(page: Page) {
  await page
    .getByTestId('scenario-diagnostics')
    .getByRole('button', { name: /XSAVEOPTZ/ })
    .click();
  await expect(page.locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  // The jump put the cursor at 4:7, the start of the feature name.
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('Backspace');
}

async function expectSitesBack(app: AppPage) {
  await expect(app.page.getByTestId('scenario-diagnostics')).toHaveCount(0);
  await expect(app.page.getByTestId('scenario-error-state')).toHaveCount(0);
  await expect(app.siteCount).toHaveText('1');
  await app.selectSite('save_fpregs_to_fpstate');
  await app.featureToggle('XSAVEOPT').check();
  await expect(app.finalColumn).toContainText('xsaveopt64 0x40(%r12)');
}

async function openWithEditor(app: AppPage, fragment = '') {
  await app.open(fragment);
  await expect(app.page.locator('.monaco-editor')).toBeVisible();
}

test('a typo opened as a file: the error, not a white page; fixing it brings the sites back', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openWithEditor(app);
  await app.openScenarioFile('typo.alt', TYPO);
  await expectTypoShown(page);
  // Never parsed: instead of the sites, the error (not "No site matches.").
  await expect(page.getByTestId('scenario-error-state')).toContainText(
    "The scenario has an error4:7 unknown feature 'XSAVEOPTZ'",
  );
  await expect(page.getByTestId('site-list')).toHaveCount(0);
  await page.screenshot({ path: 'e2e-output/typo-error-state.png' });
  await fixTypoByTyping(page);
  await expectSitesBack(app);
});

test('a typo typed in the editor keeps the last sites and names the typo', async ({ page }) => {
  const app = new AppPage(page);
  await openWithEditor(app);
  await app.openScenarioFile('good.alt', GOOD);
  await expect(app.siteCount).toHaveText('1');
  // Type the Z after XSAVEOPT on line 4, key by key: click the line's start, Home goes to the
  // first non-blank column (3), 12 columns on is the end of "alt XSAVEOPT".
  await page
    .locator('.monaco-editor .view-line', { hasText: 'alt XSAVEOPT' })
    .click({ position: { x: 2, y: 5 } });
  await page.keyboard.press('Home');
  for (let i = 0; i < 'alt XSAVEOPT'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('Z');
  await expectTypoShown(page);
  await expect(page.getByTestId('stale-table-note')).toContainText(
    'showing the last scenario that parsed',
  );
  await expect(app.siteCount).toHaveText('1');
  await page.keyboard.press('Backspace');
  await expectSitesBack(app);
});

test('switching the profile while the editor shows a typo', async ({ page }) => {
  const app = new AppPage(page);
  await openWithEditor(app);
  await app.openScenarioFile('typo.alt', TYPO);
  await expectTypoShown(page);
  await page.getByRole('combobox', { name: 'Kernel profile' }).selectOption('6.12');
  await expectTypoShown(page, '6.12');
  await page.getByRole('combobox', { name: 'Kernel profile' }).selectOption('7.2');
  await expectTypoShown(page, '7.2');
  await page.getByRole('combobox', { name: 'Kernel profile' }).selectOption('6.12');
  await fixTypoByTyping(page);
  await expectSitesBack(app);
  await expect(page.getByRole('combobox', { name: 'Kernel profile' })).toHaveValue('6.12');
});

test('a link whose scenario has a typo', async ({ page }) => {
  const app = new AppPage(page);
  await openWithEditor(
    app,
    encodePermalink({ ...createDefaultShareState(), scenario: TYPO, site: '0xffffffff81283cd3' }),
  );
  await expectTypoShown(page);
  await expect(page.getByTestId('scenario-error-state')).toBeVisible();
  await fixTypoByTyping(page);
  await expectSitesBack(app);
});

test('a typo survives a reload as a draft, and the app still comes up', async ({ page }) => {
  const app = new AppPage(page);
  await openWithEditor(app);
  await app.openScenarioFile('typo.alt', TYPO);
  await expectTypoShown(page);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('altscope.draft.v1') ?? ''))
    .toContain('XSAVEOPTZ');
  await page.reload();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expectTypoShown(page);
  await page.reload();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expectTypoShown(page);
  await fixTypoByTyping(page);
  await expectSitesBack(app);
});

test('the problem list shows every error, scrollable, each jumping to its line', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openWithEditor(app);
  const lines = ['kernel 7.2', 'site 0xffffffff81000000 many_typos', '  orig 90 90 90'];
  for (let i = 0; i < 12; i++) lines.push(`  alt NO_SUCH_${i} 0f 0b 90`);
  await app.openScenarioFile('typos.alt', `${lines.join('\n')}\n`);
  const items = page.getByTestId('scenario-diagnostics').getByRole('listitem');
  await expect(items).toHaveCount(12);
  await expect(page.getByTestId('scenario-problem-count')).toHaveText('12 errors, 0 others');
  const last = items.last().getByRole('button');
  await expect(last).toContainText("15:7 error: unknown feature 'NO_SUCH_11'");
  await last.click();
  await expect(page.locator('.monaco-editor')).toHaveClass(/\bfocused\b/);
  // The cursor is on line 15: typing there replaces that feature name.
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.type('ALWAYS');
  await expect(items).toHaveCount(11);
  await expect(page.getByTestId('scenario-diagnostics')).not.toContainText('NO_SUCH_11');
});

test('a render error shows a recoverable message that keeps the text', async ({ page }) => {
  const app = new AppPage(page);
  await openWithEditor(app);
  await app.openScenarioFile('good.alt', GOOD);
  await expect(app.siteCount).toHaveText('1');
  // Saved choices no action can produce (a broken feature set): rendering them throws.
  await page.evaluate(() =>
    window.__altscopeTest?.patchState({
      features: { on: null, off: [] } as unknown as { on: number[]; off: number[] },
    }),
  );
  await expect(page.getByTestId('render-error').first()).toContainText('went wrong');
  await expect(page.getByTestId('scenario-editor')).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('XSAVEOPT');
  await page.getByRole('button', { name: 'Reset the view' }).first().click();
  await expect(page.getByTestId('render-error')).toHaveCount(0);
  await expectSitesBack(app);
});
