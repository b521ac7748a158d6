import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const PAD15 = Array.from({ length: 15 }, () => '90').join(' ');

test('the profile selector offers 6.1 and 7.3; 6.1 pads with its 8-byte NOPs, 7.3 jumps over INT3', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  const profile = page.getByRole('combobox', { name: 'Kernel profile' });
  await expect(profile.locator('option')).toHaveText(['6.1', '6.12', '7.2', '7.3']);
  // LFENCE_RDTSC is 3*32+18 in 6.1; off here, so only the NOPs are optimised.
  await app.setScenarioText(
    `kernel 6.1\nsite 0xffffffff81000000 long_pad\norig ${PAD15}\nalt LFENCE_RDTSC 0f ae e8\n`,
  );
  await expect(profile).toHaveValue('6.1');
  await expect(app.siteCount).toHaveText('1');
  await expect(app.finalColumn).toContainText('0f 1f 84 00 00 00 00 00');
  await expect(app.finalColumn).not.toContainText('int3');
  await page.screenshot({ path: 'e2e-output/profile-6.1.png' });
  await profile.selectOption('7.3');
  await expect(app.finalColumn).toContainText('eb 0d');
  await expect(app.finalColumn).toContainText('int3');
});
