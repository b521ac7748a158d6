import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const XSAVE = 'save_fpregs_to_fpstate';

test.beforeEach(async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('default scenario renders; iced-x86 decodes 49 0f c7 64 24 40 as xsavec64 in the browser', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBeGreaterThanOrEqual(3);
  await app.selectSite(XSAVE);
  await expect(page.getByTestId('entry-column').nth(1)).toContainText('xsavec64 0x40(%r12)');
  await page.screenshot({ path: 'e2e-output/main.png' });
});

test('toggling XSAVEC / XSAVES changes the XSAVE final column', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(XSAVE);
  await expect(app.finalColumn).toContainText('xsave64 0x40(%r12)');
  await app.featureToggle('XSAVEC').check();
  await expect(app.finalColumn).toContainText('xsavec64 0x40(%r12)');
  await app.featureToggle('XSAVES').check();
  await expect(app.finalColumn).toContainText('xsaves64 0x40(%r12)');
  await app.featureToggle('XSAVES').uncheck();
  await app.featureToggle('XSAVEC').uncheck();
  await expect(app.finalColumn).toContainText('xsave64 0x40(%r12)');
});

test('editing the text updates the results; a syntax error shows a marker and nothing crashes', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await app.setScenarioText(
    'kernel 7.2\nsite 0xffffffff81000000 only_site\norig 90 90 90\nalt ALWAYS 0f 0b 90\n',
  );
  await expect(app.siteCount).toHaveText('1');
  await expect(app.finalColumn).toContainText('ud2');
  await app.setScenarioText(
    'kernel 7.2\nsite 0xffffffff81000000 only_site\norig 90 90 90\nalt NO_SUCH_FEATURE 0f 0b 90\n',
  );
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
  await expect(page.getByTestId('scenario-diagnostics')).toContainText('4:5');
  // The last good table stays on screen while the text is broken.
  await expect(app.finalColumn).toContainText('ud2');
});

test('a copied link opened in a fresh page shows the same state', async ({ page, browser }) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(XSAVE);
  await app.featureToggle('XSAVEC').check();
  await app.chooseSyntax('Intel');
  await app.copyLink.click();
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v1=/);
  const url = page.url();
  const fresh = await browser.newPage();
  try {
    const other = new AppPage(fresh);
    await fresh.goto(url);
    await expect(other.featureToggle('XSAVEC')).toBeChecked();
    await expect(other.featureToggle('XSAVES')).not.toBeChecked();
    await expect(other.finalColumn).toContainText('xsavec64 [r12+40h]');
    await expect(other.page.getByRole('radio', { name: 'Intel' })).toBeChecked();
  } finally {
    await fresh.close();
  }
});

test('sites Ctrl-clicked into the link and teaching mode open the same in a fresh page', async ({
  page,
  browser,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(XSAVE);
  await page.getByTestId('review-tab-teach').click();
  for (const name of ['read_cr2', 'xen_direct_call_outer'])
    await app.siteRows.filter({ hasText: name }).click({ modifiers: ['ControlOrMeta'] });
  // Ctrl-click marks a site for the link; the shown site stays.
  await expect(app.siteRows.filter({ hasText: XSAVE })).toHaveAttribute('aria-selected', 'true');
  await expect(app.siteRows.filter({ hasText: 'read_cr2' })).toContainText('in the link');
  await expect(page.getByTestId('link-site-count')).toContainText('3 sites in link');
  await app.copyLink.click();
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v1=/);
  const url = page.url();
  const fresh = await browser.newPage();
  try {
    const other = new AppPage(fresh);
    await fresh.goto(url);
    const row = (name: string) => other.siteRows.filter({ hasText: name });
    await expect(row('read_cr2')).toHaveAttribute('data-shared', 'true');
    await expect(row('xen_direct_call_outer')).toHaveAttribute('data-shared', 'true');
    await expect(row(XSAVE)).toHaveAttribute('data-shared', 'false');
    await expect(row(XSAVE)).toHaveAttribute('aria-selected', 'true');
    await expect(fresh.getByTestId('review-tab-teach')).toHaveAttribute('aria-selected', 'true');
    await expect(fresh.getByTestId('narration')).toBeVisible();
    await expect(fresh.getByTestId('link-site-count')).toContainText('3 sites in link');
  } finally {
    await fresh.close();
  }
});

test('Space toggles the current site into the link, Shift-click adds a range', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(XSAVE);
  await page.getByTestId('site-list').press('Space');
  await expect(app.siteRows.filter({ hasText: XSAVE })).toHaveAttribute('data-shared', 'true');
  await page.getByTestId('site-list').press('Space');
  await expect(app.siteRows.filter({ hasText: XSAVE })).toHaveAttribute('data-shared', 'false');
  await app.siteRows.last().click({ modifiers: ['Shift'] });
  await expect(app.siteRows.and(page.locator('[data-shared=true]'))).toHaveCount(
    await app.siteRows.count(),
  );
  await expect(page.getByTestId('link-site-count')).toContainText('3 sites in link');
  await page.getByRole('button', { name: 'Clear the sites selected for the link' }).click();
  await expect(page.getByTestId('link-site-count')).toHaveCount(0);
});

test('a corrupt link shows a clear message and the default scenario', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#v1=AAAA-not-deflate');
  await expect(app.notice).toContainText('could not be opened');
  await expect.poll(() => app.siteRows.count()).toBeGreaterThanOrEqual(3);
});

test('the ordering-bug example shows the multi-pass kernel-bug', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('combobox', { name: 'Open an example' }).selectOption('ordering-bug');
  await page.getByRole('combobox', { name: 'Patch loop' }).selectOption('multi-pass');
  await app.featureToggle('XENPV').check();
  await expect(page.getByTestId('site-diagnostic').first()).toContainText('kernel-bug');
  await page.getByRole('combobox', { name: 'Patch loop' }).selectOption('single-pass');
  await expect(page.getByTestId('site-diagnostic')).toHaveCount(0);
});

test('AT&T / Intel switch', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(XSAVE);
  await expect(app.finalColumn).toContainText('xsave64 0x40(%r12)');
  await app.chooseSyntax('Intel');
  await expect(app.finalColumn).toContainText('xsave64 [r12+40h]');
  await app.chooseSyntax('AT&T');
  await expect(app.finalColumn).toContainText('xsave64 0x40(%r12)');
});

test('reload keeps edits', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setScenarioText(
    'kernel 7.2\nsite 0xffffffff81000040 kept_after_reload\norig 90 90\nalt ALWAYS 0f 0b\n',
  );
  await expect(app.siteRows.first()).toContainText('kept_after_reload');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('altscope.draft.v1') ?? ''))
    .toContain('kept_after_reload');
  await page.reload();
  await expect(app.siteRows.first()).toContainText('kept_after_reload');
  await expect(app.siteCount).toHaveText('1');
});

test('keyboard: the site list moves with arrows, Home and End', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBeGreaterThanOrEqual(3);
  await app.siteList.focus();
  await page.keyboard.press('Home');
  await expect(app.siteRows.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(app.siteRows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(app.siteRows.last()).toHaveAttribute('aria-selected', 'true');
});

test('axe: no serious or critical accessibility issues', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(XSAVE);
  await expect(page.locator('.monaco-editor')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
});

test('a scenario file opened through file-input replaces the scenario', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBeGreaterThanOrEqual(3);
  await app.openScenarioFile(
    'from-disk.alt',
    'kernel 6.12\nsite 0xffffffff81000000 from_disk\norig 90 90 90\nalt ALWAYS 0f 0b 90\n',
  );
  await expect(app.siteCount).toHaveText('1');
  await expect(app.siteRows.first()).toContainText('from_disk');
  await expect(app.finalColumn).toContainText('ud2');
  // The file's kernel line decides the profile.
  await expect(page.getByRole('combobox', { name: 'Kernel profile' })).toHaveValue('6.12');
});

test('a link can turn off a feature the scenario itself declares', async ({ page, browser }) => {
  const app = new AppPage(page);
  await app.open();
  await app.setScenarioText(
    [
      'kernel 7.2',
      'features XSAVEOPT XSAVEC',
      'site 0xffffffff81283cd3 save_fpregs_to_fpstate',
      '  orig 49 0f ae 64 24 40',
      '  alt XSAVEOPT 49 0f ae 74 24 40',
      '  alt XSAVEC   49 0f c7 64 24 40',
      '',
    ].join('\n'),
  );
  await expect(app.finalColumn).toContainText('xsavec64 0x40(%r12)');
  await app.featureToggle('XSAVEC').uncheck();
  await expect(app.finalColumn).toContainText('xsaveopt64 0x40(%r12)');
  await app.copyLink.click();
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v1=/);
  const fresh = await browser.newPage();
  try {
    const other = new AppPage(fresh);
    await fresh.goto(page.url());
    await expect(other.featureToggle('XSAVEOPT')).toBeChecked();
    await expect(other.featureToggle('XSAVEC')).not.toBeChecked();
    await expect(other.finalColumn).toContainText('xsaveopt64 0x40(%r12)');
  } finally {
    await fresh.close();
  }
});
