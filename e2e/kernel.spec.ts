/**
 * Whole kernels in the app: a file goes through the worker into the site list, the scenario
 * text is never touched, search and feature toggles work on thousands of sites, and a link to
 * a kernel's site carries that site as a scenario.
 */
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';
import { KernelLoad, realVmlinux72, REFERENCE } from './pages/KernelLoad';

const MINI_O = 'fixtures/binary/mini-alt.o';
const MY_TEXT =
  'kernel 7.2\n# my own work\nsite 0xffffffff81000000 mine\norig 90 90 90\nalt ALWAYS 0f 0b 90\n';

test('a relocatable object is listed from the worker and the scenario text stays', async ({
  page,
}) => {
  const app = new AppPage(page);
  const load = new KernelLoad(page);
  await app.open();
  await app.setScenarioText(MY_TEXT);
  await expect(app.siteCount).toHaveText('1');
  await load.open(MINI_O);
  await expect(load.status).toContainText('mini-alt.o');
  await expect(app.siteCount).toHaveText('4');
  await expect(app.siteRows.filter({ hasText: 'site_xsave+0x0/0x10' })).toHaveCount(1);
  await expect.poll(() => load.savedScenarioText()).toBe(MY_TEXT);
  // Back to the scenario: its one site again.
  await page.getByRole('button', { name: 'Show the scenario' }).click();
  await expect(app.siteCount).toHaveText('1');
  await page.getByRole('button', { name: 'Show mini-alt.o' }).click();
  await expect(app.siteCount).toHaveText('4');
});

test.describe('the real Debian 7.2.13 vmlinux', () => {
  test.skip(realVmlinux72() === null, `${REFERENCE} is absent: no real kernel to load`);

  test('6,186 sites listed, searchable, a toggle changes a site, its link opens cold', async ({
    page,
    browser,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(realVmlinux72()!);
    await expect(load.status).toContainText('7.2.13', { timeout: 30_000 });
    await expect(app.siteCount).toHaveText('6186');
    // Only the rows in view are in the DOM.
    expect(await app.siteRows.count()).toBeLessThan(100);

    const search = page.getByRole('searchbox', { name: 'Search sites' });
    await search.fill('save_fpregs_to_fpstate');
    await expect(app.siteCount).toHaveText('2 of 6186');
    await search.fill('0xffffffff812fc595');
    await expect(app.siteCount).toHaveText('1 of 6186');
    await search.fill('XSAVEC');
    await expect(app.siteRows.filter({ hasText: 'save_fpregs_to_fpstate+0x55' })).toHaveCount(1);

    await app.selectSite('save_fpregs_to_fpstate+0x55/0xa0');
    await expect(app.finalColumn).toContainText('xsave64 0x40(%r8)');
    await app.featureToggle('XSAVEC').check();
    await expect(app.finalColumn).toContainText('xsavec64 0x40(%r8)');

    await app.copyLink.click();
    const link = page.url();
    expect(link).toContain('#');
    expect(link.length).toBeLessThan(3000);
    const fresh = await browser.newPage();
    const cold = new AppPage(fresh);
    await fresh.goto(link);
    await expect(cold.siteCount).toHaveText('1');
    await expect(cold.finalColumn).toContainText('xsavec64 0x40(%r8)');
    await expect(cold.siteRows.first()).toContainText('save_fpregs_to_fpstate+0x55/0xa0');
    await fresh.close();
  });

  test('reading can be cancelled; the scenario stays shown', async ({ page }) => {
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await app.setScenarioText(MY_TEXT);
    await expect(app.siteCount).toHaveText('1');
    // Hold the worker's script so the read cannot finish before the click: a 50 MB vmlinux now
    // loads in about half a second, which made this test race its own Cancel button.
    let release: (() => Promise<void>) | undefined;
    await page.route('**/assets/kernelWorker-*.js', (route) => {
      release = () => route.continue();
    });
    await load.open(realVmlinux72()!);
    await expect(load.progress).toBeVisible();
    await load.cancel.click();
    await expect.poll(() => release !== undefined).toBe(true);
    await release!().catch(() => undefined);
    await expect(load.progress).toHaveCount(0);
    await expect(load.status).toHaveCount(0);
    await expect(app.siteCount).toHaveText('1');
    await expect.poll(() => load.savedScenarioText()).toBe(MY_TEXT);
  });
});
