/**
 * Keyboard only (issue 14, WCAG 2.1.2 no keyboard trap): from the toolbar through the editor and
 * out to the features, the site list and the review tabs; and the review tabs' arrow keys.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
const monacoFocused = (page: Page) =>
  page.evaluate(() => document.querySelector('.monaco-editor')?.classList.contains('focused'));

/** Press `key` (Tab, Shift+Tab) until `reached` is true; fail after `max` presses. */
async function pressUntil(page: Page, key: string, reached: () => Promise<boolean | undefined>) {
  for (let i = 0; i < 60; i++) {
    if (await reached()) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached the target`);
}

test('keyboard only: toolbar → editor → out (Esc, Tab) → features → sites → review tabs', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kernel 7.2');
  await expect.poll(() => app.siteRows.count()).toBe(3);
  const example = page.getByRole('combobox', { name: 'Open an example' });
  await pressUntil(page, 'Tab', () => isFocused(example));
  // On through the toolbar into the editor.
  await pressUntil(page, 'Tab', () => monacoFocused(page));
  const hint = page.getByTestId('editor-keyboard-hint');
  await expect(hint).toContainText('Esc then Tab (or Shift+Tab) leaves the editor');
  // Tab alone types (it is code): the editor keeps the focus.
  await page.keyboard.press('Tab');
  expect(await monacoFocused(page)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(hint).toHaveText('Tab or Shift+Tab now leaves the editor.');
  await page.keyboard.press('Tab');
  await expect.poll(() => monacoFocused(page)).toBe(false);
  // On to the feature toggles: Space switches one on.
  const xsavec = app.featureToggle('XSAVEC');
  await pressUntil(page, 'Tab', () => isFocused(xsavec));
  await page.keyboard.press('Space');
  await expect(xsavec).toBeChecked();
  // The site list: arrows pick a site.
  await pressUntil(page, 'Tab', () => isFocused(app.siteList));
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(app.siteRows.nth(1)).toHaveAttribute('aria-selected', 'true');
  // The review tabs: one Tab stop, the open tab.
  const timeline = page.getByRole('tab', { name: 'Timeline' });
  await pressUntil(page, 'Tab', () => isFocused(timeline));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Compare loops' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Compare loops' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('keyboard only: Shift+Tab leaves the editor backwards; Ctrl+M makes Tab move focus', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kernel 7.2');
  const copyLink = app.copyLink;
  await pressUntil(page, 'Tab', () => monacoFocused(page));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => monacoFocused(page)).toBe(false);
  // Back in the toolbar: Shift+Tab went up the page, not down.
  await pressUntil(page, 'Shift+Tab', () => isFocused(copyLink));
  // Back into the editor; Esc is a one-time way out, so Tab types again.
  await pressUntil(page, 'Tab', () => monacoFocused(page));
  const text = () => page.evaluate(() => localStorage.getItem('altscope.draft.v1') ?? '');
  await page.keyboard.press('Tab');
  expect(await monacoFocused(page)).toBe(true);
  // Tab typed an indent (Monaco inserts spaces) at the start of the text.
  await expect.poll(text).toContain('{"text":"  # altscope');
  await page.keyboard.press('Control+m');
  await expect(page.getByTestId('editor-keyboard-hint')).toHaveText(
    'Tab moves focus (Ctrl+M again to type tabs).',
  );
  await page.keyboard.press('Tab');
  await expect.poll(() => monacoFocused(page)).toBe(false);
  await pressUntil(page, 'Shift+Tab', () => monacoFocused(page));
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => monacoFocused(page)).toBe(false);
});

test('keyboard only: the plain-text editor (before Monaco loads) is no trap either', async ({
  page,
}) => {
  // Hold Monaco's chunk back: the textarea fallback stays on screen.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/ScenarioEditor-*.js', async (route) => {
    await held;
    await route.continue();
  });
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBe(3);
  const plain = page.getByTestId('plain-editor');
  await pressUntil(page, 'Tab', () => isFocused(plain));
  await page.keyboard.press('Tab');
  await expect(plain).not.toBeFocused();
  await pressUntil(page, 'Tab', () => isFocused(app.featureToggle('XSAVEOPT')));
  await pressUntil(page, 'Shift+Tab', () => isFocused(plain));
  await page.keyboard.press('Shift+Tab');
  await expect(plain).not.toBeFocused();
  release();
  await expect(page.locator('.monaco-editor')).toBeVisible();
});

test('review tabs: Left/Right wrap, Home/End go to the ends, one Tab stop', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite('save_fpregs_to_fpstate');
  const tabs = page.getByRole('tab');
  // Nine since issue 11 added 'Every CPU' and 'Diff kernels' after 'Diff scenarios'.
  await expect(tabs).toHaveCount(9);
  await expect(page.locator('[role=tab][tabindex="0"]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Timeline' }).focus();
  const selected = page.locator('[role=tab][aria-selected=true]');
  await page.keyboard.press('ArrowLeft');
  await expect(selected).toHaveText('Diff kernels');
  await expect(selected).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(selected).toHaveText('Timeline');
  await page.keyboard.press('End');
  await expect(selected).toHaveText('Diff kernels');
  await page.keyboard.press('Home');
  await expect(selected).toHaveText('Timeline');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(selected).toHaveText('Byte ruler');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'review-tab-ruler');
  await expect(page.locator('[role=tab][tabindex="0"]')).toHaveText('Byte ruler');
});
