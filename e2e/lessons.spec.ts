/**
 * The teaching path: each lesson's permalink opens the macro site on the lesson's CPU, and the
 * final column shows what the kernel leaves there.
 */
import { LESSONS, lessonShareState } from '../src/examples';
import { encodePermalink } from '../src/permalink';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

/** What the final column must show (AT&T, as objdump prints it) per lesson. */
const FINAL: Record<string, string[]> = {
  'lesson-1-alternative': ['stac'],
  'lesson-2-alternative-2': ['rdtscp', 'xchg %ax, %ax'],
  'lesson-3-alternative-3': ['xsavec64 (%rdi)'],
  'lesson-4-alt-not': ['mov %cr2, %rax', 'nopl (%rax)'],
  'lesson-5-ternary': ['jmp ffffffff81001200 <t_no>'],
  'lesson-6-direct-call': ['call ffffffff81202b30 <xen_read_cr2>'],
  'lesson-7-ordering-bug': ['mov %cr2, %rax', 'kernel-bug'],
  'lesson-8-single-pass': ['call ffffffff81202b30 <xen_read_cr2>'],
};

test('every lesson has an expected final column', () => {
  expect(Object.keys(FINAL)).toEqual(LESSONS.map((l) => l.id));
});

for (const lesson of LESSONS) {
  test(`${lesson.title}: the link shows the expansion and the final bytes`, async ({ page }) => {
    const app = new AppPage(page);
    await app.open(encodePermalink(lessonShareState(lesson)));
    const expansion = page.getByTestId('macro-expansion');
    await expect(expansion).toBeVisible();
    await expect(page.getByTestId('macro-level')).toHaveCount(
      lesson.text.includes('ALTERNATIVE_3')
        ? 3
        : /ALTERNATIVE_(2|TERNARY)/.test(lesson.text)
          ? 2
          : 1,
    );
    for (const text of FINAL[lesson.id]!) await expect(app.finalColumn).toContainText(text);
  });
}

test('from the examples menu each lesson opens as its link does: its CPU, teaching mode', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await expect.poll(() => app.siteRows.count()).toBe(3);
  for (const lesson of LESSONS) {
    await page.getByRole('combobox', { name: 'Open an example' }).selectOption(lesson.id);
    await expect(page.getByTestId('example-intro')).toContainText(lesson.title);
    const checked = await app.checkedFeatures();
    expect(checked.sort(), lesson.id).toEqual([...lesson.show.features].sort());
    await expect(page.getByRole('tab', { name: 'Teaching mode' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    for (const text of FINAL[lesson.id]!) await expect(app.finalColumn).toContainText(text);
  }
});

test('"Show as bytes" turns the macro site into orig/alt lines with the same result', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open(encodePermalink(lessonShareState(LESSONS[1]!)));
  await expect(app.finalColumn).toContainText('rdtscp');
  await page.getByTestId('show-as-bytes').click();
  await expect(page.getByTestId('macro-expansion')).toHaveCount(0);
  await expect(app.finalColumn).toContainText('rdtscp');
});

test('presentation at 1280×720, 150 % zoom: editor collapsed, columns and explanation on screen', async ({
  browser,
}) => {
  const page = await browser.newPage({
    viewport: { width: 853, height: 480 },
    deviceScaleFactor: 1.5,
  });
  const link = encodePermalink(lessonShareState(LESSONS[1]!));
  await page.goto(`/?present${link}`);
  const app = new AppPage(page);
  await expect(app.finalColumn).toContainText('rdtscp');
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Scenario' })).toBeHidden();
  await expect(app.finalColumn).toBeInViewport();
  await expect(page.getByTestId('macro-expansion')).toBeInViewport();
  // The lesson's description sits beside the columns: the title stays above them, uncovered,
  // and the columns right under it (not pushed below the description).
  await expect(page.getByTestId('example-intro')).toBeVisible();
  const [title, cols] = await page.evaluate(() =>
    ['.site-title', '.site-cols'].map((s) => {
      const r = document.querySelector(s)!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    }),
  );
  expect(cols!.top).toBeGreaterThanOrEqual(title!.bottom);
  expect(cols!.top - title!.bottom).toBeLessThan(12);
  await expect(page.getByTestId('embed-link')).toHaveAttribute('href', `/?embed${link}`);
  await page.getByTestId('present-toggle').click();
  await expect(page.getByRole('region', { name: 'Scenario' })).toBeVisible();
  await page.close();
});

test('presentation: a symbolized instruction (lesson 7) is whole at the larger size', async ({
  browser,
}) => {
  const page = await browser.newPage({
    viewport: { width: 853, height: 480 },
    deviceScaleFactor: 1.5,
  });
  await page.goto(`/?present${encodePermalink(lessonShareState(LESSONS[6]!))}`);
  const app = new AppPage(page);
  await expect(app.finalColumn).toContainText('kernel-bug');
  await expect(page.locator('.insn-ref', { hasText: '<BUG_func>' })).toBeVisible();
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.insn-text')]
      .filter((t) => t.scrollHeight > t.clientHeight + 1)
      .map((t) => t.textContent),
  );
  expect(cut).toEqual([]);
  await page.close();
});
