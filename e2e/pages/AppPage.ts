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

  async chooseSyntax(label: 'AT&T' | 'Intel') {
    await this.page.getByRole('radio', { name: label }).check();
  }
}
