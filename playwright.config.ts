import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download browsers on this machine: use Debian's Chromium when present.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
// ALTSCOPE_E2E_PORT lets two checkouts on one machine run their suites at once.
const PORT = Number(process.env['ALTSCOPE_E2E_PORT'] ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'e2e-output/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Built into its own folder, so a run neither races nor is refused by (Vite's command lock)
  // another build of `dist/` in the same checkout.
  webServer: {
    command:
      'npx vite build --outDir e2e-output/dist --emptyOutDir --bypass-lock --logLevel warn && ' +
      `npx vite preview --outDir e2e-output/dist --host 127.0.0.1 --port ${PORT} --strictPort --bypass-lock`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
