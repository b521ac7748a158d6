/** CPU feature presets and a pasted /proc/cpuinfo, seen through the referenced-feature toggles. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPTURES_DIR } from '../fixtures/sharedDir';
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
  await app.pasteFeatures(
    'processor\t: 0\nflags\t\t: fpu sse2 xsave xsaveopt no_such_flag\nbugs\t\t: spectre_v1\n',
  );
  await expect(app.featureToggle('XSAVEOPT')).toBeChecked();
  await expect(app.featureToggle('REP_GOOD')).not.toBeChecked();
  await expect(page.getByTestId('feature-text-status')).toHaveText(
    '5 features set from /proc/cpuinfo (pasted); 1 not read:',
  );
  await expect(page.getByTestId('feature-text-problems')).toHaveText(
    '2:34 flag "no_such_flag" unknown to 7.2',
  );
  await expect(app.presetSelect()).toHaveValue('custom');
});

test('the ALWAYS feature is shown locked on', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.featureToggle('ALWAYS')).toBeChecked();
  await expect(app.featureToggle('ALWAYS')).toBeDisabled();
  await app.choosePreset('none');
  await expect(app.featureToggle('ALWAYS')).toBeChecked();
});

test('the preset select shows the applied CPU, and custom after a toggle', async ({ page }) => {
  const app = new AppPage(page);
  await openTwoSites(app);
  const preset = app.presetSelect();
  // TWO_SITES declares no features: its own set is none.
  await expect(preset).toHaveValue('none');
  await app.choosePreset('qemu64');
  await expect(preset).toHaveValue('qemu64');
  await expect(preset.locator('option:checked')).toHaveText('QEMU qemu64');
  await app.featureToggle('XSAVEOPT').check();
  await expect(preset).toHaveValue('custom');
  await expect(preset.locator('option:checked')).toHaveText('custom');
  await app.choosePreset('referenced');
  await expect(preset).toHaveValue('referenced');
  await app.choosePreset('scenario');
  await expect(preset).toHaveValue('none');
});

test('a feature list in capture form, pasted: 10*32+0 per line, errors at line:column', async ({
  page,
}) => {
  const app = new AppPage(page);
  await openTwoSites(app);
  // REP_GOOD is 3*32+16, XSAVEOPT 10*32+0.
  await app.pasteFeatures('# a capture\n3*32+16\n10*32+0\n  NO_SUCH_FEATURE\n');
  await expect(app.featureToggle('REP_GOOD')).toBeChecked();
  await expect(app.featureToggle('XSAVEOPT')).toBeChecked();
  await expect(page.getByTestId('feature-text-status')).toHaveText(
    '2 features set from a feature list (pasted); 1 not read:',
  );
  await expect(page.getByTestId('feature-text-problems')).toHaveText(
    '4:3 unknown feature "NO_SUCH_FEATURE"',
  );
  await expect(app.presetSelect()).toHaveValue('referenced');
});

const QEMU64 = join(CAPTURES_DIR, 'debian-sid-7.2.13', 'qemu64', 'features.txt');

test('a captured qemu64 features.txt opened as a file sets the qemu64 CPU', async ({ page }) => {
  test.skip(!existsSync(QEMU64), 'shared/reference captures absent');
  const app = new AppPage(page);
  await openTwoSites(app);
  const text = readFileSync(QEMU64, 'utf8');
  await app.openFeatureFile('features.txt', text);
  const lines = text.split('\n').filter((l) => l.trim() !== '').length;
  await expect(page.getByTestId('feature-text-status')).toHaveText(
    `${lines} features set from a feature list (features.txt).`,
  );
  await expect(app.featureToggle('REP_GOOD')).toBeChecked();
  await expect(app.featureToggle('XSAVEOPT')).not.toBeChecked();
  // The capture's qemu64 is the QEMU qemu64 preset.
  await expect(app.presetSelect()).toHaveValue('qemu64');
});
