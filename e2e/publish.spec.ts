/**
 * A published build: `ALTSCOPE_PUBLIC_URL=… vite build` makes "Copy link" point at the public
 * address, and the relative asset paths let `dist/` work from a sub-folder of a static host.
 * The build is served under /published/ of the test origin by request interception.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { decodePermalink } from '../src/permalink';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const PUBLIC_URL = 'https://altscope.example.org/tools/altscope/';
const OUT = 'e2e-output/dist-published';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

test.beforeAll(() => {
  test.setTimeout(240_000);
  execFileSync(
    'npx',
    ['vite', 'build', '--outDir', OUT, '--emptyOutDir', '--bypass-lock', '--logLevel', 'error'],
    { env: { ...process.env, ALTSCOPE_PUBLIC_URL: PUBLIC_URL }, stdio: 'inherit' },
  );
});

test('a build with ALTSCOPE_PUBLIC_URL, served from a sub-folder, copies links to the public address', async ({
  page,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.context().route('**/published/**', async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/published\//, '');
    const file = normalize(join(OUT, path === '' ? 'index.html' : path));
    if (!file.startsWith(normalize(OUT))) return route.fulfill({ status: 403 });
    try {
      const body = readFileSync(file);
      await route.fulfill({
        body,
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
  const app = new AppPage(page);
  await page.goto('/published/');
  await expect.poll(() => app.siteRows.count()).toBeGreaterThanOrEqual(3);
  await app.selectSite('save_fpregs_to_fpstate');
  await expect(page.getByTestId('entry-column').nth(1)).toContainText('xsavec64 0x40(%r12)');
  await app.copyLink.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(`${PUBLIC_URL}#v1=`)).toBe(true);
  const decoded = decodePermalink(copied.slice(PUBLIC_URL.length));
  expect(decoded.ok && decoded.state.site).toBe('0xffffffff81283cd3');
  // The page itself stays where it is; only its fragment follows the view.
  expect(new URL(page.url()).pathname).toBe('/published/');
});

test('a link made from a vmlinux names the build it came from', async ({ page }) => {
  const link = readFileSync('fixtures/permalinks/v1/kernel-banner.txt', 'utf8').trim();
  const app = new AppPage(page);
  await app.open(new URL(link).hash);
  await expect(app.notice).toContainText(
    'Opened a shared link. Its sites come from Linux version 7.2.0-altscope-fixture (gcc) #1 SMP.',
  );
  await expect(app.siteRows).toHaveCount(1);
});
