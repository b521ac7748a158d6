/** The app, as a user sees it, over stable data-testids. */
import type { Locator, Page } from '@playwright/test';

export class AppPage {
  readonly siteList: Locator;
  readonly siteRows: Locator;
  readonly siteCount: Locator;
  readonly finalColumn: Locator;
  readonly copyLink: Locator;
  readonly fileInput: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.siteList = page.getByTestId('site-list');
    this.siteRows = page.getByTestId('site-row');
    this.siteCount = page.getByTestId('site-count');
    this.finalColumn = page.getByTestId('final-column');
    this.copyLink = page.getByTestId('copy-link');
    this.fileInput = page.getByTestId('file-input');
    this.notice = page.getByTestId('notice');
  }

  async open(fragment = '') {
    await this.page.goto(`/${fragment}`);
  }

  featureToggle(name: string): Locator {
    return this.page
      .getByTestId('feature-toggle')
      .and(this.page.getByRole('checkbox', { name, exact: true }));
  }

  /** Select the site whose row mentions `text` (symbol or address). */
  async selectSite(text: string) {
    await this.siteRows.filter({ hasText: text }).first().click();
  }

  async setScenarioText(text: string) {
    await this.page.waitForFunction(() => window.__altscopeTest !== undefined);
    await this.page.evaluate((t) => window.__altscopeTest?.setScenarioText(t), text);
  }

  /** A feature preset by its option value: `none`, `referenced`, `scenario`, `qemu64`, `max`, … */
  async choosePreset(value: string) {
    await this.page.getByRole('combobox', { name: 'Feature preset' }).selectOption(value);
  }

  /** Paste /proc/cpuinfo or a feature list (`10*32+0` per line) and apply it. */
  async pasteFeatures(text: string) {
    await this.choosePreset('text');
    await this.page.getByLabel('Paste /proc/cpuinfo or a feature list').fill(text);
    await this.page.getByRole('button', { name: 'Apply features' }).click();
  }

  /** Open a feature list or cpuinfo file from the features panel. */
  async openFeatureFile(name: string, text: string) {
    await this.choosePreset('text');
    await this.page.getByTestId('feature-file-input').setInputFiles({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(text, 'utf8'),
    });
  }

  presetSelect() {
    return this.page.getByRole('combobox', { name: 'Feature preset' });
  }

  async chooseTheme(theme: 'system' | 'light' | 'dark') {
    await this.page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  }

  /** Open a scenario file from disk through the `file-input` (read by the file worker). */
  async openScenarioFile(name: string, text: string) {
    await this.fileInput.setInputFiles({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(text, 'utf8'),
    });
  }

  async chooseSyntax(label: 'AT&T' | 'Intel') {
    await this.page.getByRole('radio', { name: label }).check();
  }

  /** The features switched on by choice (locked-on ones such as ALWAYS left out). */
  checkedFeatures(): Promise<(string | null)[]> {
    return this.page
      .getByTestId('feature-toggle')
      .evaluateAll((els) =>
        els
          .filter((el) => (el as HTMLInputElement).checked && !(el as HTMLInputElement).disabled)
          .map((el) => el.getAttribute('aria-label')),
      );
  }
}
