/**
 * Modules as distributions ship them: a compressed `.ko` chosen in the app is decompressed in
 * the worker (xz and zstd through WebAssembly, offline, under the production CSP) and listed.
 */
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';
import { KernelLoad } from './pages/KernelLoad';

for (const file of ['xt_rateest-7.3.ko.xz', 'xt_rateest-7.3.ko.zst']) {
  test(`${file} is read directly: its one site, named`, async ({ page }) => {
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(`fixtures/binary/${file}`);
    await expect(load.status).toContainText(file);
    await expect(app.siteCount).toHaveText('1');
    await expect(
      app.siteRows.filter({ hasText: 'xt_rateest_mt_checkentry+0x27/0x100' }),
    ).toHaveCount(1);
  });
}
