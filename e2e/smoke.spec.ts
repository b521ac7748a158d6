import { test, expect } from './fixtures';

test('iced-x86 decodes in the browser', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('smoke')).toHaveText('xsavec64 0x40(%r12)');
});
