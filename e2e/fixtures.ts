/**
 * The test fixture every spec uses: fails the test on any console error, uncaught page error,
 * or request that leaves the page's origin (the app must work fully offline).
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) problems.push(`request left the origin: ${url}`);
      });
      await use();
      expect(problems, 'console errors / foreign requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
