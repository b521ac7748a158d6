/**
 * "Diff kernels" lists every changed site a page at a time, and a row of the shown kernel opens
 * its site in the site view, as a click in the site list does.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';
import { KernelLoad, realVmlinux612, realVmlinux72, REFERENCE } from './pages/KernelLoad';

test.describe('diff kernels rows of the real Debian 7.2.13 against 6.12.117', () => {
  test.skip(
    realVmlinux72() === null || realVmlinux612() === null,
    `${REFERENCE} is absent: no real kernels to compare`,
  );

  test('pages through every row and opens a row in the site view', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(realVmlinux72()!);
    await expect(app.siteCount).toHaveText('6186', { timeout: 30_000 });
    await page.getByTestId('review-tab-kernels').click();
    await page.getByTestId('diff-kernels-input').setInputFiles(realVmlinux612()!);
    await expect(page.getByTestId('diff-kernels-counts')).toHaveText(
      'against vmlinux-6.12.117: added 1059, removed 1560, table 205, final 103, same 4318',
      { timeout: 60_000 },
    );
    const range = page.getByTestId('diff-kernels-range');
    const rows = page.getByTestId('diff-kernels-row');
    await expect(range).toHaveText('rows 1–100 of 2927');
    await expect(rows).toHaveCount(100);

    // Every row is reachable: one kind at a time, a page at a time.
    const kinds = page.getByRole('combobox', { name: 'Which changes' });
    await kinds.selectOption('final');
    await expect(range).toHaveText('rows 1–100 of 103');
    // From the keyboard; at the last page Next is disabled yet keeps the focus.
    const next = page.getByRole('button', { name: 'Next' });
    await next.focus();
    await page.keyboard.press('Enter');
    await expect(range).toHaveText('rows 101–103 of 103');
    await expect(rows).toHaveCount(3);
    await expect(next).toBeDisabled();
    await expect(next).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(range).toHaveText('rows 101–103 of 103');
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(range).toHaveText('rows 1–100 of 103');

    // A row opens its site: the site view and the site list show it.
    await kinds.selectOption('removed');
    const row = rows.filter({ hasText: 'vmgexit_ap_control+0x2d/0x190' });
    await row.getByRole('button', { name: 'vmgexit_ap_control+0x2d/0x190' }).click();
    await expect(page.locator('.site-title')).toContainText(
      '0xffffffff812a1d8d vmgexit_ap_control+0x2d/0x190',
    );
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(app.siteList.getByRole('option', { selected: true })).toContainText(
      'vmgexit_ap_control+0x2d/0x190',
    );

    // From the keyboard: the next row's button, Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('.site-title')).toContainText('vmgexit_ap_control+0x36/0x190');
    const axe = await new AxeBuilder({ page }).include('[data-testid="diff-kernels"]').analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );

    // Rows only in B have no site here to open.
    await kinds.selectOption('added');
    await expect(rows.first().getByRole('button')).toHaveCount(0);
  });
});

test('two small kernels compared: a row of the shown one opens its site', async ({ page }) => {
  const app = new AppPage(page);
  const load = new KernelLoad(page);
  await app.open();
  await load.open('fixtures/binary/mini-alt.elf');
  await expect(app.siteCount).toHaveText('4');
  await page.getByTestId('review-tab-kernels').click();
  await page.getByTestId('diff-kernels-input').setInputFiles('fixtures/binary/mini-alt61.elf');
  // As `altscope diff-kernels mini-alt.elf mini-alt61.elf` counts them.
  await expect(page.getByTestId('diff-kernels-counts')).toHaveText(
    'against mini-alt61.elf: added 2, removed 2, table 1, final 0, same 1',
  );
  await expect(page.getByTestId('diff-kernels-range')).toHaveText('rows 1–5 of 5');
  const rows = page.getByTestId('diff-kernels-row');
  await rows
    .filter({ hasText: 'site_not+0x0/0x10' })
    .getByRole('button', { name: 'site_not+0x0/0x10' })
    .click();
  await expect(page.locator('.site-title')).toContainText('0x401060 site_not+0x0/0x10');
  await expect(app.siteList.getByRole('option', { selected: true })).toContainText('site_not');
  // Rows only in B (added) have nothing here to open.
  await expect(rows.filter({ hasText: 'added' }).getByRole('button')).toHaveCount(0);
});
