/**
 * Proves `npm start` works: starts the Vite dev server on a free port, opens the page in headless
 * Chromium and waits for the default scenario's site rows. Fails (exit 1) on any console error,
 * page error, request leaving the origin, or when the rows never appear — e.g. when a CSP meant
 * for production blocks React Refresh's inline preamble or the HMR websocket.
 *
 *   npx tsx scripts/check-dev-server.ts [--screenshot FILE]
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

async function checkDevServer(screenshot: string | undefined): Promise<string[]> {
  const server = await createServer({
    configFile: 'vite.config.ts',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  const browser = await chromium.launch({
    executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const problems: string[] = [];
  try {
    if (!url) throw new Error('the dev server reported no local URL');
    const origin = new URL(url).origin;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (/^(data|blob):/.test(u)) return;
      if (new URL(u).origin !== origin) problems.push(`request left the origin: ${u}`);
    });
    await page.goto(url);
    await page.getByTestId('site-row').first().waitFor({ timeout: 60_000 });
    const rows = await page.getByTestId('site-row').count();
    // The HMR client connects over a websocket; a refused connection logs a console error.
    const hmrClient = await page.locator('script[src*="@vite/client"]').count();
    console.log(`dev server ${url}: ${rows} site rows; HMR client scripts: ${hmrClient}`);
    if (screenshot) await page.screenshot({ path: screenshot });
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    await browser.close();
    await server.close();
  }
  return problems;
}

const at = process.argv.indexOf('--screenshot');
const problems = await checkDevServer(at > 0 ? process.argv[at + 1] : undefined);
for (const p of problems) console.error(p);
process.exit(problems.length > 0 ? 1 : 0);
