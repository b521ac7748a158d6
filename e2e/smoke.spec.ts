import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

test('the default scenario renders through the engine, decoded by iced-x86 in the browser', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.siteRows.first()).toBeVisible();
  await expect(app.finalColumn).toBeVisible();
  await page.screenshot({ path: 'e2e-output/main.png', fullPage: false });
});
