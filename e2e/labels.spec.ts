/**
 * Issue 14: tags in the site columns ("relocated branch", "DIRECT_CALL", "padding", the
 * kernel-bug tag) and entry headers must be whole, never slivers, at every window size (down to
 * 800×600, where the columns wrap their text instead of scrolling sideways) and in both themes. Checked by geometry (each tag and header line inside its box, nothing scrolled
 * away) and by screenshots to look at.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';

/** Every tag and header part whose box leaves its row or header, or whose text overflows. */
function clippedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const inside = (el: Element, box: Element) => {
      const r = el.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      return (
        r.top >= b.top - 0.5 &&
        r.bottom <= b.bottom + 0.5 &&
        r.left >= b.left - 0.5 &&
        r.right <= b.right + 0.5
      );
    };
    for (const tag of document.querySelectorAll('.site-col .tag')) {
      const row = tag.closest('li') ?? tag.parentElement;
      const t = tag as HTMLElement;
      if (!row || !inside(tag, row) || t.scrollWidth > t.clientWidth + 1 || t.offsetHeight < 8)
        bad.push(`tag "${tag.textContent}"`);
    }
    for (const head of document.querySelectorAll('.site-col-head')) {
      const h = head as HTMLElement;
      if (h.scrollHeight > h.clientHeight + 1) bad.push(`header "${head.textContent}" scrolls`);
      for (const part of head.children)
        if (!inside(part, head) || (part as HTMLElement).scrollWidth > h.scrollWidth + 1)
          bad.push(`header part "${part.textContent}"`);
    }
    // The columns fit their panel: none scrolled away sideways (a narrow window wraps text).
    for (const cols of document.querySelectorAll('.site-cols')) {
      const c = cols as HTMLElement;
      if (c.scrollWidth > c.clientWidth + 1) bad.push(`site columns scroll (${c.scrollWidth}px)`);
    }
    // The left column's preset select stays inside its panel (its options are long).
    const preset = document.querySelector('.features-panel select');
    const panel = document.querySelector('.features-panel');
    if (
      preset &&
      panel &&
      preset.getBoundingClientRect().right > panel.getBoundingClientRect().right
    )
      bad.push('preset select');
    return bad;
  });
}

/**
 * Rows stretched by the subgrid (a taller cell beside them) must keep their lines together at the
 * top: no gap between an instruction's bytes and its text, no tag taller than its own text.
 */
function spreadRows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const textHeight = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect().height;
    };
    for (const tag of document.querySelectorAll('.site-col .tag'))
      if (tag.getBoundingClientRect().height > textHeight(tag) + 8)
        bad.push(`tag "${tag.textContent}" stretched`);
    for (const text of document.querySelectorAll('.site-col .insn-text')) {
      const hex = text.parentElement?.querySelector('.insn-hex');
      if (hex && text.getBoundingClientRect().top - hex.getBoundingClientRect().bottom > 2)
        bad.push(`gap above "${text.textContent}"`);
    }
    return bad;
  });
}

async function openExample(page: Page, id: string) {
  await page.getByRole('combobox', { name: 'Open an example' }).selectOption(id);
}

const SIZES = [
  [1440, 900],
  [1024, 768],
  [800, 600],
] as const;

for (const [width, height] of SIZES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`no clipped tag or header: ${theme}, ${width}×${height}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      const app = new AppPage(page);
      await app.open();
      await app.chooseTheme(theme);
      await expect(page.locator('.monaco-editor')).toBeVisible();
      const shot = (name: string) =>
        page.screenshot({ path: `e2e-output/labels-${name}-${theme}-${width}x${height}.png` });

      // The ordering bug under multi-pass with XENPV: the kernel-bug tag and long verdicts.
      await openExample(page, 'ordering-bug');
      await page.getByRole('combobox', { name: 'Patch loop' }).selectOption('multi-pass');
      await app.featureToggle('XENPV').check();
      await app.selectSite('xen_direct_call_outer');
      await expect(page.locator('.site-col .tag-error').first()).toContainText('kernel-bug');
      expect(await clippedLabels(page)).toEqual([]);
      await shot('ordering-bug');

      // The paravirt call: DIRECT_CALL and relocated branch tags.
      await openExample(page, 'paravirt-read-cr2');
      await app.featureToggle('XENPV').check();
      await app.selectSite('read_cr2');
      await expect(app.finalColumn.locator('.tag').first()).toBeVisible();
      expect(await clippedLabels(page)).toEqual([]);
      await shot('paravirt');

      // Relocation: relocated RIP-rel and branch tags, then the padding tag without the feature.
      await openExample(page, 'relocation');
      await app.featureToggle('SMAP').check();
      await expect(app.finalColumn).toContainText('relocated');
      expect(await clippedLabels(page)).toEqual([]);
      await shot('relocation');
      await openExample(page, 'nested-instrlen');
      // Only the inner entry's feature: lfence, then padding NOPs.
      await page.getByTestId('feature-toggle').first().check();
      await expect(app.finalColumn.locator('.tag').first()).toBeVisible();
      expect(await clippedLabels(page)).toEqual([]);
      await shot('nested');

      // ALTERNATIVE_2 with both features: the Final's NOP run rows sit beside taller cells.
      await openExample(page, 'lesson-2-alternative-2');
      await expect(app.finalColumn).toContainText('xchg %ax, %ax');
      expect(await clippedLabels(page)).toEqual([]);
      expect(await spreadRows(page)).toEqual([]);
      await shot('alternative-2');
    });
  }
}
