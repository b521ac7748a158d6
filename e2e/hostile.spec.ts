/**
 * Untrusted strings render as text only; the CSP allows no remote origin and nothing leaves the
 * page's origin; a bad file or a crashed reader leaves the user's scenario intact.
 */
import { encodePermalink } from '../src/permalink';
import { createDefaultShareState } from '../src/permalink/shareState';
import {
  MARKUP_SYMBOL,
  readMiniAltElf,
  readMiniAltObject,
  withSymbolName,
} from '../fixtures/hostile/craft';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';
import { KernelLoad } from './pages/KernelLoad';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const SVG = '<svg/onload=window.__pwned=1>';
const HOSTILE_SCENARIO = `# <script>window.__pwned=2</script><img src=x onerror=window.__pwned=3>
kernel 7.2
site 0xffffffff81000000 ${SVG}+0x0/0x10
  orig 90 90 90
  alt ALWAYS 0f 0b 90   # <img src=x onerror=window.__pwned=4>
`;
const MY_TEXT =
  'kernel 7.2\n# keep me\nsite 0xffffffff81000000 kept\norig 90 90 90\nalt ALWAYS 0f 0b 90\n';

/** Nothing ran, and no element was made from the markup. */
async function expectInert(page: import('@playwright/test').Page) {
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator('#root img[src="x"], #root svg[onload], #root script')).toHaveCount(0);
}

test('markup in a scenario symbol name and comments shows as text and never runs', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.setScenarioText(HOSTILE_SCENARIO);
  await expect(app.siteRows.first()).toContainText(`${SVG}+0x0/0x10`);
  await expect(page.locator('.site-panel')).toContainText(SVG);
  await expectInert(page);
});

test('markup in an ELF symbol name shows as text and never runs', async ({ page }) => {
  const app = new AppPage(page);
  const load = new KernelLoad(page);
  await app.open();
  await load.openBytes(
    'hostile.o',
    withSymbolName(readMiniAltObject(), 'site_xsave', MARKUP_SYMBOL),
  );
  await expect(app.siteCount).toHaveText('4');
  await expect(app.siteRows.filter({ hasText: `${MARKUP_SYMBOL}+0x0/0x10` })).toHaveCount(1);
  await app.selectSite(MARKUP_SYMBOL);
  await expect(page.locator('.site-panel')).toContainText(MARKUP_SYMBOL);
  await expectInert(page);
});

test('markup in a link (scenario, feature name, site) shows as text and never runs', async ({
  page,
}) => {
  const share = createDefaultShareState();
  share.scenario = HOSTILE_SCENARIO;
  share.features = ['<img src=x onerror=window.__pwned=5>'];
  share.site = '<script>window.__pwned=6</script>';
  const app = new AppPage(page);
  await app.open(encodePermalink(share));
  await expect(app.notice).toContainText('<img src=x onerror=window.__pwned=5>');
  await expect(app.siteRows.first()).toContainText(SVG);
  await expectInert(page);
});

test('the CSP allows no remote origin', async ({ page }) => {
  await page.goto('/');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toBeTruthy();
  const allowed = new Set([
    "'self'",
    "'none'",
    "'unsafe-inline'",
    "'wasm-unsafe-eval'",
    'blob:',
    'data:',
  ]);
  for (const directive of csp!
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)) {
    const [name, ...sources] = directive.split(/\s+/);
    for (const src of sources) expect(allowed, `${name} allows ${src}`).toContain(src);
  }
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
});

test('no request leaves the origin while loading a kernel, editing and sharing', async ({
  page,
  baseURL,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const origins = new Set<string>();
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      origins.add(new URL(r.url()).origin);
  });
  const app = new AppPage(page);
  const load = new KernelLoad(page);
  await app.open();
  await load.open('fixtures/binary/mini-alt.elf');
  await expect(app.siteCount).toHaveText('4');
  await app.selectSite('site_xsave');
  await app.featureToggle('XSAVES').check();
  await app.copyLink.click();
  await app.setScenarioText(MY_TEXT);
  await expect(app.siteCount).toHaveText('1');
  const fresh = await page.context().newPage();
  fresh.on('request', (r) => origins.add(new URL(r.url()).origin));
  await fresh.goto(page.url());
  await fresh.close();
  expect([...origins]).toEqual([new URL(baseURL!).origin]);
});

test('a truncated ELF shows an error with its offset and keeps the scenario', async ({ page }) => {
  const app = new AppPage(page);
  const load = new KernelLoad(page);
  await app.open();
  await app.setScenarioText(MY_TEXT);
  await expect(app.siteCount).toHaveText('1');
  await load.openBytes('truncated.elf', readMiniAltElf().subarray(0, 2000));
  await expect(load.error).toContainText('truncated.elf could not be read');
  await expect(load.error).toContainText('offset');
  await expect(app.siteCount).toHaveText('1');
  await expect.poll(() => load.savedScenarioText()).toBe(MY_TEXT);
});

test('a crashed file reader shows an error and keeps the scenario', async ({ page }) => {
  await page.route(/kernelWorker[^/]*\.js$/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated crash");' }),
  );
  const app = new AppPage(page);
  const load = new KernelLoad(page);
  await app.open();
  await app.setScenarioText(MY_TEXT);
  await load.open('fixtures/binary/mini-alt.o');
  await expect(load.error).toContainText('the file reader crashed');
  await expect(app.siteCount).toHaveText('1');
  await expect.poll(() => load.savedScenarioText()).toBe(MY_TEXT);
  // The app still works: the next read (real worker) succeeds.
  await page.unroute(/kernelWorker[^/]*\.js$/);
  await load.open('fixtures/binary/mini-alt.o');
  await expect(app.siteCount).toHaveText('4');
});
