import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

const ORDERING_BUG = 'xen_direct_call_outer';

test('the ordering bug, step by step: single-pass timeline, then the loops compared', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.selectSite(ORDERING_BUG);
  await app.featureToggle('XENPV').check();
  const timeline = page.getByTestId('timeline');
  await expect(page.getByTestId('timeline-position')).toHaveText('step 1 of 8');
  await expect(page.getByTestId('timeline-title')).toHaveText('evaluate entries');
  await page.getByTestId('timeline-next').click();
  await expect(page.getByTestId('timeline-explanation')).toContainText(
    'the last eligible entry wins: entry #1 (XENPV)',
  );
  // Keyboard: → to the DIRECT_CALL step, End to the one write.
  await timeline.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('timeline-title')).toHaveText('DIRECT_CALL');
  await page.keyboard.press('End');
  // The one write is still a byte-wise copy: its half-written states are flagged (⚑).
  await expect(page.getByTestId('timeline-title')).toHaveText('write ⚑');
  await expect(page.getByTestId('timeline-flag')).toContainText('half-written state(s)');
  await expect(page.getByTestId('timeline-bytes')).toContainText('after: e81b1b200090');
  // Mouse: scrub back to the start.
  await page.getByTestId('timeline-scrub').fill('0');
  await expect(page.getByTestId('timeline-position')).toHaveText('step 1 of 8');

  await page.getByTestId('review-tab-loops').click();
  await expect(page.getByTestId('loops-verdict')).toHaveText('The loops disagree at this site.');
  await expect(page.getByTestId('loops-multi-pass')).toContainText(
    'kernel-bug-direct-call-original',
  );
  await expect(page.getByTestId('loops-causes')).toContainText('direct-call-order');

  await page.getByTestId('review-tab-teach').click();
  await expect(page.getByTestId('narration')).toContainText('XENPV is on');
  await page.getByTestId('review-tab-lints').click();
  await expect(page.getByTestId('lints')).toHaveText('No lint findings at this site.');
  await page.getByTestId('review-tab-truth').click();
  await expect(page.getByTestId('truth-table').locator('tbody tr')).toHaveCount(2);
  await page.getByTestId('review-tab-ruler').click();
  await expect(page.getByTestId('byte-ruler')).toContainText('site length 6 (longest instrlen)');
});
