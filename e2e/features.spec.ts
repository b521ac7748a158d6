/** CPU feature presets and a pasted /proc/cpuinfo, seen through the referenced-feature toggles. */
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

// REP_GOOD is in QEMU's qemu64 model, XSAVEOPT only in the bigger ones (max, Skylake, EPYC).
const TWO_SITES = [
  'kernel 7.2',
  'site 0xffffffff81000000 copy_user',
  'orig 90 90',
  'alt REP_GOOD 0f 0b',
  'site 0xffffffff81000010 save_fpregs',
  'orig 90 90 90',
  'alt XSAVEOPT 0f 01 d0',
  '',
].join('\n');

async function openTwoSites(app: AppPage) {
  await app.open();
  await app.setScenarioText(TWO_SITES);
  await expect(app.siteCount).toHaveText('2');
  await expect(app.featureToggle('REP_GOOD')).not.toBeChecked();
  await expect(app.featureToggle('XSAVEOPT')).not.toBeChecked();
}

test('presets: qemu64, max, all referenced, none', async ({ page }) => {
  const app = new AppPage(page);
  await openTwoSites(app);
  await app.choosePreset('qemu64');
  await expect(app.featureToggle('REP_GOOD')).toBeChecked();
  await expect(app.featureToggle('XSAVEOPT')).not.toBeChecked();
  await app.selectSite('copy_user');
  await expect(app.finalColumn).toContainText('ud2');
  await app.choosePreset('max');
  await expect(app.featureToggle('XSAVEOPT')).toBeChecked();
  await app.choosePreset('none');
  await expect(app.featureToggle('REP_GOOD')).not.toBeChecked();
  await expect(app.featureToggle('XSAVEOPT')).not.toBeChecked();
  await expect(app.finalColumn).toContainText('xchg %ax, %ax'); // 90 90 optimised to 66 90
  await app.choosePreset('referenced');
  await expect(app.featureToggle('REP_GOOD')).toBeChecked();
  await expect(app.featureToggle('XSAVEOPT')).toBeChecked();
});

test('a pasted /proc/cpuinfo sets exactly its flags', async ({ page }) => {
  const app = new AppPage(page);
  await openTwoSites(app);
  await app.choosePreset('referenced');
  await app.pasteCpuinfo(
    'processor\t: 0\nflags\t\t: fpu sse2 xsave xsaveopt no_such_flag\nbugs\t\t: spectre_v1\n',
  );
  await expect(app.featureToggle('XSAVEOPT')).toBeChecked();
  await expect(app.featureToggle('REP_GOOD')).not.toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'features set' })).toContainText(
    'unknown to 7.2: no_such_flag',
  );
});

test('the ALWAYS feature is shown locked on', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.featureToggle('ALWAYS')).toBeChecked();
  await expect(app.featureToggle('ALWAYS')).toBeDisabled();
  await app.choosePreset('none');
  await expect(app.featureToggle('ALWAYS')).toBeChecked();
});
