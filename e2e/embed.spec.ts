import type { Page } from '@playwright/test';
import { defaultScenario } from '../src/examples';
import { createDefaultShareState, encodePermalink } from '../src/permalink';
import { test, expect } from './fixtures';

const XSAVE_SITE = '0xffffffff81283cd3';

/** `#v1=…` for the default scenario, XSAVEOPT and XSAVEC on, the XSAVE site selected. */
function xsaveFragment(): string {
  return encodePermalink({
    ...createDefaultShareState(),
    scenario: defaultScenario,
    features: ['XSAVEOPT', 'XSAVEC'],
    site: XSAVE_SITE,
  });
}

/** Every URL the page requested, to prove the Monaco chunks were never fetched. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

test('the embed shows the link’s site compact and read-only, without loading Monaco', async ({
  page,
  baseURL,
}) => {
  const requests = recordRequests(page);
  const fragment = xsaveFragment();
  await page.goto(`/?embed${fragment}`);
  await expect(page.getByTestId('embed-site')).toHaveText(
    `${XSAVE_SITE} save_fpregs_to_fpstate+0x43/0xa0 · 6 bytes · 7.2 single-pass`,
  );
  await expect(page.getByTestId('embed-original')).toContainText('49 0f ae 64 24 40');
  const entries = page.getByTestId('embed-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0).locator('.verdict')).toHaveText(/^✘ /);
  await expect(entries.nth(1).locator('.verdict')).toHaveText('✔ the winner');
  await expect(entries.nth(2).locator('.verdict')).toHaveText(/^✘ /);
  const final = page.getByTestId('embed-final');
  await expect(final).toContainText('49 0f c7 64 24 40');
  await expect(final).toContainText('xsavec64 0x40(%r12)');
  await expect(page.getByTestId('embed-narration')).toHaveText(
    "XSAVEOPT is on, XSAVEC is on, XSAVES is off: the last eligible entry is XSAVEC (entry #1), so it alone is written, once. The site's 6 bytes end up as xsavec64 0x40(%r12).",
  );
  await expect(page.getByTestId('embed-open')).toHaveAttribute('href', `${baseURL}/${fragment}`);
  // Read-only: no editor, no feature toggles, no site list.
  await expect(page.locator('textarea, .monaco-editor')).toHaveCount(0);
  await expect(page.getByTestId('feature-toggle')).toHaveCount(0);
  await expect(page.getByTestId('site-list')).toHaveCount(0);
  expect(requests.filter((u) => /ScenarioEditor|editor\.worker|monaco/i.test(u))).toEqual([]);
  expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true); // the decoder did load
  // An embed on someone's page never writes the reader's own drafts.
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
});

test('the embed works inside an iframe and follows the system colour scheme', async ({
  page,
  baseURL,
}) => {
  const src = `${baseURL}/?embed${xsaveFragment()}`;
  await page.setContent(`<iframe title="altscope" src="${src}" width="900" height="500"></iframe>`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('embed-final')).toContainText('xsavec64 0x40(%r12)');
  const background = () =>
    frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
});

test('a broken embed link says why and shows no site', async ({ page }) => {
  await page.goto('/?embed#v1=not-a-payload');
  await expect(page.getByTestId('embed-error')).toContainText('This link could not be opened:');
  await expect(page.getByTestId('embed-site')).toHaveCount(0);
});
