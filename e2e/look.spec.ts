/** Themes, the production CSP, and screenshots of the main view to look at. */
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const XSAVE = 'save_fpregs_to_fpstate';
const KEYWORDS = new Set(["'self'", "'none'", "'unsafe-inline'", "'wasm-unsafe-eval'"]);
const LOCAL_SCHEMES = new Set(['data:', 'blob:']);

test('the built page carries a strict CSP that allows no remote origin', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).not.toBeNull();
  const directives = new Map(
    (csp ?? '').split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  const remote = [...directives].flatMap(([name, sources]) =>
    sources.filter((s) => !KEYWORDS.has(s) && !LOCAL_SCHEMES.has(s)).map((s) => `${name} ${s}`),
  );
  expect(remote).toEqual([]);
  // And the app still works under it: decoder loaded, sites rendered.
  await app.selectSite(XSAVE);
  await expect(app.finalColumn).toContainText('xsave64 0x40(%r12)');
});

test('theme switch: dark is applied to the document and survives a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBeGreaterThanOrEqual(3);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await app.chooseTheme('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await background();
  await app.chooseTheme('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(background).not.toBe(light);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('altscope.draft.v1') ?? ''))
    .toContain('"theme":"dark"');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
});

for (const [width, height] of [
  [1440, 900],
  [1024, 768],
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot: main view, ${theme}, ${width}×${height}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      const app = new AppPage(page);
      await app.open();
      await app.chooseTheme(theme);
      await app.selectSite(XSAVE);
      await app.featureToggle('XSAVEOPT').check();
      await expect(app.finalColumn).toContainText('xsaveopt64 0x40(%r12)');
      await expect(page.locator('.monaco-editor')).toBeVisible();
      await expect(page.locator('.monaco-editor .view-lines')).toContainText('kernel 7.2');
      await page.screenshot({ path: `e2e-output/main-${theme}-${width}x${height}.png` });
    });
  }
}
