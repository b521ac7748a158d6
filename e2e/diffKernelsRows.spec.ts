/**
 * "Diff kernels" lists every changed site a page at a time, and a row of the shown kernel opens
 * its site in the site view, as a click in the site list does.
 */
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
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(range).toHaveText('rows 101–103 of 103');
    await expect(rows).toHaveCount(3);
    await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
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
    // Rows only in B have no site here to open.
    await kinds.selectOption('added');
    await expect(rows.first().getByRole('button')).toHaveCount(0);
  });
});
