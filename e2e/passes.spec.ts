/**
 * The boot passes of a real kernel in the app (issue 10): the 7.2.13 `vmlinux-passes.elf` is
 * simulated in the boot worker; the passes appear in the kernel's order with counts, records
 * are searchable, a site the return-thunk pass rewrote shows that history, and the boot diff
 * lists bytes per pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';
import { KernelLoad, realPasses72, realVmlinux72, REFERENCE } from './pages/KernelLoad';

const VMLINUZ_72 = `${REFERENCE}/captures/debian-sid-7.2.13/vmlinuz`;
const VMLINUZ_61 = `${REFERENCE}/captures/debian-bookworm-6.1.192/vmlinuz`;

test.describe('boot passes of the real Debian 7.2.13 kernel', () => {
  test.skip(realPasses72() === null, `${REFERENCE} is absent: no vmlinux-passes.elf to load`);

  test('passes in order with counts, a record searched, a site history, the boot diff', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(realPasses72()!);
    await expect(load.status).toContainText('7.2.13', { timeout: 30_000 });
    const panel = page.getByTestId('boot-passes');
    await expect(panel.getByTestId('boot-status')).toContainText('simulated in', {
      timeout: 60_000,
    });
    const passes = panel.getByTestId('pass-item');
    await expect(passes).toHaveCount(11);
    expect(await passes.evaluateAll((els) => els.map((e) => e.getAttribute('data-pass')))).toEqual([
      'jump-labels',
      'static-calls',
      'ftrace',
      'cfi',
      'retpolines',
      'returns',
      'call-thunks',
      'alternatives',
      'endbr-seal',
      'smp-locks',
      'runtime-consts',
    ]);
    const returns = panel.getByTestId('pass-toggle-returns');
    await expect(returns).toContainText(RETURNS_COUNT);
    await returns.click();
    await expect(returns).toHaveAttribute('aria-expanded', 'true');
    // Keyboard: the records are a listbox; End moves to the last record.
    const list = panel.getByRole('listbox', { name: 'Records of returns' });
    await list.focus();
    await list.press('End');
    await expect(list).toHaveAttribute('aria-activedescendant', 'pass-records-returns-65676');
    await list.press('Home');
    await expect(list).toHaveAttribute('aria-activedescendant', 'pass-records-returns-0');
    // Only the rows in view are in the DOM.
    expect(await panel.getByTestId('pass-record').count()).toBeLessThan(60);
    await panel.getByTestId('pass-search').fill('__x86_indirect_thunk_r11');
    await expect(panel.getByTestId('pass-match-count')).toHaveText(THUNK_R11_MATCHES);
    await expect(panel.getByTestId('pass-record').first()).toContainText(
      'e9 c1 0a 00 00 → c3 cc cc cc cc',
    );

    // A site the return-thunk pass rewrote before alternatives reached it.
    await page.getByRole('searchbox', { name: 'Search sites' }).fill('__x86_indirect_thunk_r11');
    await app.selectSite('__pi___x86_indirect_thunk_r11');
    const history = page.getByTestId('site-passes');
    await expect(history.getByTestId('site-pass-record')).toHaveCount(1);
    await expect(history).toContainText(
      'returns at 0xffffffff8225406a: e9 c1 0a 00 00 → c3 cc cc cc cc (ret; int3)',
    );

    // A site no entry patches ends with what the return-thunk pass left, as `altscope patch`
    // on this image prints it (its Original column keeps the file's bytes).
    await page.getByRole('searchbox', { name: 'Search sites' }).fill('return_to_handler');
    await app.selectSite('return_to_handler+0x4b');
    await expect(app.finalColumn).toHaveText(
      'Final' +
        'ffffffff8133ccdbc3ret' +
        ['dc', 'dd', 'de', 'df'].map((a) => `ffffffff8133cc${a}ccint3`).join(''),
    );
    await expect(page.getByTestId('site-passes')).toContainText(
      'Alternatives started from c3 cc cc cc cc',
    );

    await panel.getByTestId('boot-tab-passes').press('ArrowRight');
    await expect(panel.getByTestId('boot-tab-diff')).toBeFocused();
    await expect(
      panel.getByTestId('boot-diff-row').filter({ hasText: 'Return thunks' }),
    ).toContainText(RETURN_BYTES);
    await expect(panel.getByTestId('boot-diff-unexplained')).toBeVisible();

    // A feature change runs the boot again in the worker; the page shows the newest run.
    await panel.getByTestId('boot-tab-passes').click();
    const alternatives = panel.getByTestId('pass-toggle-alternatives');
    const before = (await alternatives.textContent()) ?? '';
    // Measured, not asserted: the page's long tasks while the worker runs the boot again.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await app.featureToggle('XSAVEOPT').click();
    await expect(alternatives).not.toHaveText(before, { timeout: 60_000 });
    console.info(
      'boot re-run:',
      await page.evaluate(() => ({
        longTasksMs: (window as unknown as { longTasks: number[] }).longTasks.map(Math.round),
        bootMs: performance
          .getEntriesByType('measure')
          .filter((m) => m.name.endsWith('boot passes'))
          .map((m) => Math.round(m.duration)),
      })),
      await panel.getByTestId('boot-status').textContent(),
    );
    await app.featureToggle('XSAVEOPT').click();
    await expect(alternatives).toHaveText(before, { timeout: 60_000 });
    await expect(returns).toContainText(RETURNS_COUNT);

    if (process.env['ALTSCOPE_SHOTS']) {
      await panel.getByTestId('pass-toggle-returns').click();
      for (const [width, height] of [
        [1440, 900],
        [1024, 768],
        [760, 700],
      ] as const) {
        for (const theme of ['light', 'dark'] as const) {
          await page.setViewportSize({ width, height });
          await app.chooseTheme(theme);
          await page.getByTestId('site-passes').scrollIntoViewIfNeeded();
          await page.screenshot({ path: `e2e-output/passes-site-${theme}-${width}x${height}.png` });
          await panel.getByTestId('pass-records').scrollIntoViewIfNeeded();
          await page.screenshot({ path: `e2e-output/passes-${theme}-${width}x${height}.png` });
        }
      }
      await panel.getByTestId('boot-tab-diff').click();
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `e2e-output/passes-diff.png` });
    }
  });
});
test.describe('a kernel without the passes’ tables', () => {
  test.skip(realVmlinux72() === null, `${REFERENCE} is absent: no vmlinux-alt.elf to load`);

  test('says the passes are missing and why', async ({ page }) => {
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(realVmlinux72()!);
    await expect(load.status).toContainText('7.2.13', { timeout: 30_000 });
    await expect(page.getByTestId('boot-status')).toHaveText(
      'Boot passes missing: this image carries no boot-pass tables (.return_sites, ' +
        '.retpoline_sites): open a full vmlinux, a vmlinux-passes.elf or a vmlinuz to see every pass',
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('pass-list')).toHaveCount(0);
  });
});

test.describe('boot diff of the real Debian 7.2.13 vmlinuz', () => {
  test.skip(!existsSync(VMLINUZ_72), `${VMLINUZ_72} is absent`);

  test('runtime constants only the booted machine knows are listed as such', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(VMLINUZ_72);
    await expect(load.status).toContainText('7.2.13', { timeout: 60_000 });
    const panel = page.getByTestId('boot-passes');
    await expect(panel.getByTestId('pass-toggle-runtime-consts')).toContainText('179 records', {
      timeout: 60_000,
    });
    await panel.getByTestId('boot-tab-diff').click();
    const unknowable = panel.getByTestId('boot-diff-unknowable');
    await expect(unknowable).toHaveCount(27);
    await expect(
      unknowable.filter({ hasText: 'dentry_hashtable: known only on the booted machine' }).first(),
    ).toBeVisible();
  });
});

test.describe('one read per kernel: the file reader’s worker keeps the kernel for its passes', () => {
  test.skip(!existsSync(VMLINUZ_72) || !existsSync(VMLINUZ_61), 'the vmlinuz captures are absent');

  test('a vmlinuz chosen while another is read replaces it; a corrupt one then changes nothing', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(VMLINUZ_72);
    await expect(load.progress).toBeVisible();
    // The second file while the first is still being read: the first read is dropped.
    await load.open(VMLINUZ_61);
    await expect(load.status).toContainText('Linux 6.1.0-57-cloud-amd64', { timeout: 60_000 });
    await expect(page.getByTestId('site-count')).toHaveText('3738');
    const panel = page.getByTestId('boot-passes');
    const status = panel.getByTestId('boot-status');
    await expect(status).toContainText('simulated in', { timeout: 90_000 });
    expect(
      await panel.getByTestId('pass-item').evaluateAll((els) => els.map((e) => e.dataset['pass'])),
    ).toEqual(PASSES_61);
    const alternatives = panel.getByTestId('pass-toggle-alternatives');
    await expect(alternatives).toContainText(ALTERNATIVES_61);
    // Long after the first read would have ended, the second kernel is still the one shown.
    await expect(page.getByTestId('site-count')).toHaveText('3738');
    if (process.env['ALTSCOPE_SHOTS'])
      await page.screenshot({ path: 'e2e-output/bootread-6.1.png' });

    // A feature toggled runs the kept kernel's boot again.
    const before = (await alternatives.textContent()) ?? '';
    await app.featureToggle('XSAVEOPT').click();
    await expect(alternatives).not.toHaveText(before, { timeout: 90_000 });
    await expect(status).toContainText('simulated in');

    // A corrupt vmlinuz: its error, and the 6.1 kernel and its passes stay.
    const bz = readFileSync(VMLINUZ_72).subarray(0, 1100);
    await load.openBytes('vmlinuz-cut', bz);
    await expect(load.error).toContainText(
      'vmlinuz-cut could not be read: payload (offset 21196, length 13759417) is not inside the ' +
        'file (size 1100) (at byte offset 584, payload_offset/payload_length)',
    );
    await expect(page.getByTestId('site-count')).toHaveText('3738');
    await expect(status).toContainText('simulated in');
    await expect(alternatives).not.toHaveText(before);
    if (process.env['ALTSCOPE_SHOTS']) {
      await page.screenshot({ path: 'e2e-output/bootread-bad.png' });
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'e2e-output/bootread-bad-passes.png' });
    }
  });
});

const PASSES_61 = [
  'jump-labels',
  'static-calls',
  'ftrace',
  'paravirt',
  'retpolines',
  'returns',
  'alternatives',
  'endbr-seal',
  'smp-locks',
];
const ALTERNATIVES_61 = '3738 records · 3268 rewrites · 17047 bytes';
const RETURNS_COUNT = '65677 records · 65677 rewrites · 327581 bytes';
const THUNK_R11_MATCHES = '1 of 65677 records';
const RETURN_BYTES = '327581';
