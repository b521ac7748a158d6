/** The site search finds what kernel developers type: macros, flags, mnemonics (issue 14). */
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

test('search: X86_FEATURE_XSAVES, DIRECT_CALL as a flag, a final mnemonic', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBe(3);
  const search = page.getByRole('searchbox', { name: 'Search sites' });
  const shown = () => app.siteRows.locator('.site-sym').allTextContents();
  await search.fill('X86_FEATURE_XSAVES');
  await expect.poll(shown).toEqual(['save_fpregs_to_fpstate+0x43/0xa0']);
  await expect(app.siteCount).toHaveText('1 of 3');
  await search.fill('DIRECT_CALL');
  await expect.poll(shown).toEqual(['read_cr2', 'xen_direct_call_outer']);
  await search.fill('xsaveopt64');
  await expect.poll(shown).toEqual(['save_fpregs_to_fpstate+0x43/0xa0']);
  // Switch XSAVEOPT on: the final column shows the mnemonic that was searched.
  await app.selectSite('save_fpregs_to_fpstate');
  await app.featureToggle('XSAVEOPT').check();
  await expect(app.finalColumn).toContainText('xsaveopt64 0x40(%r12)');
  await search.fill('no_such_mnemonic');
  await expect(page.getByTestId('site-list-empty')).toHaveText(
    'No site matches the search and filters.',
  );
});
