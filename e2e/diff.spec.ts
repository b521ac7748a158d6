import { defaultScenario } from '../src/examples';
import { xstateXsave } from '../src/examples/xstateXsave';
import { createDefaultShareState, encodePermalink } from '../src/permalink';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const XSAVE_SYMBOL = 'save_fpregs_to_fpstate+0x43/0xa0';

async function openDiffTab(app: AppPage) {
  await app.open();
  await app.selectSite(XSAVE_SYMBOL);
  await app.featureToggle('XSAVEOPT').check();
  await app.featureToggle('XSAVEC').check();
  await app.page.getByTestId('review-tab-diff').click();
}

test('a pasted link with XSAVEC off against the current view with XSAVEC on', async ({
  page,
  baseURL,
}) => {
  const app = new AppPage(page);
  await openDiffTab(app);
  const link = encodePermalink({
    ...createDefaultShareState(),
    scenario: defaultScenario,
    features: ['XSAVEOPT'],
  });
  await page.getByTestId('diff-input').fill(`${baseURL}/${link}`);
  await page.getByTestId('diff-run').click();
  await expect(page.getByTestId('diff-summary')).toHaveText(
    '1 site changed, 2 unchanged (current: 7.2 single-pass; link: 7.2 single-pass)',
  );
  const site = page.getByTestId('diff-site');
  await expect(site).toHaveCount(1);
  await expect(site.locator('h4')).toContainText(`0xffffffff81283cd3 ${XSAVE_SYMBOL}`);
  await expect(site.getByTestId('diff-changes')).toHaveText('changed: selected, final');
  const current = site.getByTestId('diff-side-current');
  const linked = site.getByTestId('diff-side-link');
  await expect(current.getByTestId('diff-final')).toHaveText('final: 490fc7642440');
  await expect(current).toContainText('selected: entry #1');
  await expect(current).toContainText('xsavec64 0x40(%r12)');
  await expect(linked.getByTestId('diff-final')).toHaveText('final: 490fae742440');
  await expect(linked).toContainText('selected: entry #0');
  await expect(linked).toContainText('xsaveopt64 0x40(%r12)');
  // The current side is live: switching XSAVEC off makes both sides agree.
  await app.featureToggle('XSAVEC').uncheck();
  await expect(page.getByTestId('diff-summary')).toHaveText(
    '0 sites changed, 3 unchanged (current: 7.2 single-pass; link: 7.2 single-pass)',
  );
});

test('pasted scenario text runs with the current CPU; a one-site paste compares only that site', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openDiffTab(app);
  await page.getByTestId('diff-input').fill(xstateXsave.text);
  await page.getByTestId('diff-run').click();
  // The paste carries the XSAVE site only: the default scenario's other two are not changes.
  await expect(page.getByTestId('diff-summary')).toHaveText(
    '0 sites changed, 1 unchanged (current: 7.2 single-pass; pasted: 7.2 single-pass)',
  );
  await expect(page.getByTestId('diff-subset')).toHaveText(
    '2 sites of current are not in pasted: only the sites both carry are compared.',
  );
  await expect(page.getByTestId('diff-site')).toHaveCount(0);
});

test('a paste that cannot be compared says why', async ({ page }) => {
  const app = new AppPage(page);
  await openDiffTab(app);
  await page.getByTestId('diff-input').fill('http://127.0.0.1:4173/#v1=***');
  await page.getByTestId('diff-run').click();
  await expect(page.getByTestId('diff-error')).toContainText('the link could not be read: ');
  await page.getByTestId('diff-input').fill('kernel 7.2\nsite zz\n');
  await page.getByTestId('diff-run').click();
  await expect(page.getByTestId('diff-error')).toContainText(
    'the pasted scenario has errors at 2:',
  );
});
