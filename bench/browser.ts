/**
 * Browser speed on the production build (Playwright + system Chromium, headless), medians of
 * RUNS runs: a whole vmlinux chosen → site list shown; a bare vmlinuz chosen → listed and → its
 * boot passes shown, with the renderer's CPU time and peak RSS; a feature toggled → results
 * painted; a permalink opened cold → its site shown; JS and wasm bytes (gzip) fetched before
 * first paint; the page's and workers' heaps across kernel loads. Times are taken inside the page
 * (`performance.now()` at the input event, a MutationObserver for the DOM change, then the next
 * animation frame for the paint). Prints a table; never asserts. `BENCH_BROWSER=vmlinuz` runs
 * only the vmlinuz rows; `BENCH_DIST=<dir>` serves a build made earlier (interleave versions).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startPreview } from './previewServer';
import { rendererCpuMs, rendererPeakMb, rendererRssMb } from './renderer';
import { watchWorkers, type WorkerHeap } from './browserWorkers';
import { CAPTURES_DIR } from '../fixtures/sharedDir';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const CHROMIUM = '/usr/bin/chromium';
const CAPTURE = `${CAPTURES_DIR}/debian-sid-7.2.13/vmlinux-alt.elf.xz`;
const VMLINUZ = `${CAPTURES_DIR}/debian-sid-7.2.13/vmlinuz`;
/** A second vmlinuz (lz4) for the heap-after-reload measure of bare kernels. */
const VMLINUZ_2 = `${CAPTURES_DIR}/debian-bookworm-6.1.192/vmlinuz`;
/** `BENCH_BROWSER=vmlinuz`: only the bare-vmlinuz rows (listed, boot passes, memory). */
const ONLY = process.env['BENCH_BROWSER'];
/** A second, different kernel for the heap-after-reload measure. */
const CAPTURE_2 = `${CAPTURES_DIR}/debian-trixie-6.12.117/vmlinux-alt.elf.xz`;
const XSAVE_SITE = 'save_fpregs_to_fpstate+0x55/0xa0';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Resolve when an element matching `testid` has text matching `pattern`; time from `since`. */
function watchText(page: Page, testid: string, pattern: string) {
  return page.evaluate(
    ({ testid, pattern }) =>
      new Promise<{ dom: number; painted: number }>((resolve) => {
        const re = new RegExp(pattern);
        const check = () =>
          [...document.querySelectorAll(`[data-testid="${testid}"]`)].some((e) =>
            re.test(e.textContent ?? ''),
          );
        const done = () => {
          const dom = performance.now();
          obs.disconnect();
          // The frame after the DOM change is the one that paints it.
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ dom, painted: performance.now() })),
          );
        };
        const obs = new MutationObserver(() => check() && done());
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        if (check()) done();
      }),
    { testid, pattern },
  );
}

/** The page's `altscope:` User Timing measures since `since` (ms), each as [name, duration]. */
async function takeMeasures(page: Page, since: number): Promise<[string, number][]> {
  return page.evaluate(
    (since) =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('altscope:') && m.startTime + m.duration >= since)
        .map((m): [string, number] => [m.name.slice('altscope:'.length), m.duration]),
    since,
  );
}

/** performance.now() of the next `type` event (capture phase) anywhere in the page. */
function markNextEvent(page: Page, type: string) {
  return page.evaluate(
    (type) =>
      new Promise<number>((resolve) =>
        addEventListener(type, () => resolve(performance.now()), { capture: true, once: true }),
      ),
    type,
  );
}

/**
 * tsx (esbuild keepNames) wraps functions passed to `page.evaluate` in `__name(…)`, which the
 * page does not define: give every page an identity `__name`.
 */
async function newContext(browser: Browser) {
  const context = await browser.newContext();
  await context.addInitScript('globalThis.__name = (f) => f;');
  return context;
}

async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(url);
  await page.getByTestId('site-row').first().waitFor();
  return page;
}

async function measureKernel(browser: Browser, url: string, vmlinux: string) {
  const listed: number[] = [];
  const toggleDom: number[] = [];
  const togglePaint: number[] = [];
  const coldLink: number[] = [];
  const copyAll: number[] = [];
  /** Per step, per measure name: the summed duration of each run. */
  const steps = {
    listed: new Map<string, number[]>(),
    toggle: new Map<string, number[]>(),
    copy: new Map<string, number[]>(),
    cold: new Map<string, number[]>(),
  };
  const keep = (into: Map<string, number[]>, measures: [string, number][]) => {
    const sums = new Map<string, number>();
    for (const [name, ms] of measures) sums.set(name, (sums.get(name) ?? 0) + ms);
    for (const [name, ms] of sums) into.set(name, [...(into.get(name) ?? []), ms]);
  };
  let link = '';
  for (let i = 0; i < RUNS; i++) {
    const page = await openApp(browser, url);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const chosen = markNextEvent(page, 'change');
    const shown = watchText(page, 'site-count', '^6186$');
    await page.getByTestId('file-input').setInputFiles(vmlinux);
    const chosenAt = await chosen;
    listed.push((await shown).painted - chosenAt);
    keep(steps.listed, await takeMeasures(page, chosenAt));

    // "Copy 6186 sites as text": every listed site in the patch report form (no cap).
    const copyClicked = markNextEvent(page, 'click');
    const copied = watchText(page, 'copy-sites-status', '^Copied 6186 sites');
    await page.getByTestId('copy-sites-text').click();
    const c0 = await copyClicked;
    copyAll.push((await copied).painted - c0);
    keep(steps.copy, await takeMeasures(page, c0));

    await page.getByRole('searchbox', { name: 'Search sites' }).fill(XSAVE_SITE);
    await page.getByTestId('site-row').filter({ hasText: XSAVE_SITE }).click();
    await page.getByTestId('final-column').filter({ hasText: 'xsave64' }).waitFor();
    const toggle = page
      .getByTestId('feature-toggle')
      .and(page.getByRole('checkbox', { name: 'XSAVEC', exact: true }));
    const clicked = markNextEvent(page, 'click');
    const painted = watchText(page, 'final-column', 'xsavec64');
    await toggle.check();
    const t0 = await clicked;
    const t = await painted;
    toggleDom.push(t.dom - t0);
    togglePaint.push(t.painted - t0);
    keep(steps.toggle, await takeMeasures(page, t0));

    await page.getByTestId('copy-link').click();
    link = page.url();
    await page.context().close();

    // Cold: a fresh context (empty cache), the link typed into the address bar.
    const cold = await (await newContext(browser)).newPage();
    await cold.goto(link);
    const shownCold = await watchText(cold, 'final-column', 'xsavec64');
    coldLink.push(shownCold.painted);
    keep(steps.cold, await takeMeasures(cold, 0));
    keep(steps.cold, await coldMilestones(cold));
    await cold.context().close();
  }
  return { listed, toggleDom, togglePaint, coldLink, copyAll, steps, linkLength: link.length };
}

/** The page's live JS heap (MB) after a forced full GC, through the DevTools protocol. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

/**
 * Issue 13's no-leak check: the tab's JS heap after loading the 7.2 vmlinux, after loading the
 * 6.12 one over it, and after loading the 7.2 one again (which should be back within 10 %).
 */
async function measureHeap(browser: Browser, url: string, first: string, second: string) {
  const page = await openApp(browser, url);
  const load = async (file: string, sites: string) => {
    const shown = watchText(page, 'site-count', `^${sites}$`);
    await page.getByTestId('file-input').setInputFiles(file);
    await shown;
    return heapAfterGc(page);
  };
  const empty = await heapAfterGc(page);
  const a = await load(first, '6186');
  const b = await load(second, '5685');
  const again = await load(first, '6186');
  await page.context().close();
  return { empty, a, b, again };
}

/**
 * A bare vmlinuz chosen on a fresh page → its sites listed, and → its boot passes shown (both
 * painted); the renderer's CPU time over that (page and workers together: what a loaded machine
 * does not blur), and its peak resident memory.
 */
async function measureVmlinuz(browser: Browser, url: string) {
  const listed: number[] = [];
  const booted: number[] = [];
  const peakMb: number[] = [];
  const cpuMs: number[] = [];
  const steps = new Map<string, number[]>();
  for (let i = 0; i < RUNS; i++) {
    const page = await openApp(browser, url);
    const chosen = markNextEvent(page, 'change');
    const shown = watchText(page, 'site-count', '^6186$');
    const passes = watchText(page, 'boot-status', 'simulated in');
    const cpu0 = rendererCpuMs();
    await page.getByTestId('file-input').setInputFiles(VMLINUZ);
    const chosenAt = await chosen;
    listed.push((await shown).painted - chosenAt);
    booted.push((await passes).painted - chosenAt);
    cpuMs.push(rendererCpuMs() - cpu0);
    peakMb.push(rendererPeakMb());
    const sums = new Map<string, number>();
    for (const [name, ms] of await takeMeasures(page, chosenAt))
      sums.set(name, (sums.get(name) ?? 0) + ms);
    for (const [name, ms] of sums) steps.set(name, [...(steps.get(name) ?? []), ms]);
    await page.context().close();
  }
  return { listed, booted, peakMb, cpuMs, steps };
}

/**
 * The tab's heaps across bare-kernel loads (7.2 → 6.1 → 7.2), each once its boot passes are
 * shown: the page's JS heap and every live worker's (JS objects and array buffers).
 */
async function measureVmlinuzHeap(browser: Browser, url: string) {
  const page = await openApp(browser, url);
  const workers = await watchWorkers(page);
  const load = async (file: string, sites: string) => {
    const shown = watchText(page, 'site-count', `^${sites}$`);
    await page.getByTestId('file-input').setInputFiles(file);
    await shown;
    // Watched only now: until the new kernel is listed the status is the previous one's.
    await watchText(page, 'boot-status', 'simulated in');
    const heaps = { page: await heapAfterGc(page), workers: await workers.measure() };
    return { ...heaps, rssMb: rendererRssMb() };
  };
  const a = await load(VMLINUZ, '6186');
  const b = await load(VMLINUZ_2, VMLINUZ_2_SITES);
  const again = await load(VMLINUZ, '6186');
  await workers.detach();
  await page.context().close();
  return { a, b, again };
}

/** Sites of the 6.1.192 vmlinuz (as the site count shows them). */
const VMLINUZ_2_SITES = '3738';

const describeHeap = (h: { page: number; workers: WorkerHeap[]; rssMb: number }) =>
  `renderer RSS ${h.rssMb.toFixed(0)} MB; page ${h.page.toFixed(1)} MB; ` +
  (h.workers.length
    ? h.workers
        .map((w) => `${w.name} ${w.usedMb.toFixed(1)} MB + ${w.backingMb.toFixed(1)} MB buffers`)
        .join(', ')
    : 'no worker');

async function reportVmlinuz(browser: Browser, url: string) {
  const z = await measureVmlinuz(browser, url);
  const heap = existsSync(VMLINUZ_2) ? await measureVmlinuzHeap(browser, url) : null;
  const row = (name: string, xs: number[], unit: string) =>
    console.log(
      `${name.padEnd(46)} ${median(xs).toFixed(1).padStart(10)} ${unit}  ${xs.map((x) => x.toFixed(0)).join(' ')}`,
    );
  console.log(
    `\nbare vmlinuz (medians of ${RUNS}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}):`,
  );
  row('7.2.13 vmlinuz chosen → 6,186 sites listed', z.listed, 'ms');
  row('7.2.13 vmlinuz chosen → boot passes shown', z.booted, 'ms');
  row('renderer CPU, chosen → boot passes shown', z.cpuMs, 'ms');
  row('renderer peak RSS (page + workers)', z.peakMb, 'MB');
  for (const [name, xs] of z.steps)
    console.log(
      `    ${name.padEnd(42)} ${median(xs).toFixed(1).padStart(8)}  ${xs.map((x) => x.toFixed(0)).join(' ')}`,
    );
  if (heap) {
    console.log('heaps after a full GC, boot passes shown:');
    console.log(`  7.2 vmlinuz: ${describeHeap(heap.a)}`);
    console.log(`  then 6.1:    ${describeHeap(heap.b)}`);
    console.log(`  then 7.2:    ${describeHeap(heap.again)}`);
  }
}

/**
 * Milestones of a cold load as [name, time since navigation]: first contentful paint, and when
 * the iced-x86 wasm and the Monaco chunk finished loading (what a shown site may wait for).
 */
async function coldMilestones(page: Page): Promise<[string, number][]> {
  return page.evaluate(() => {
    const out: [string, number][] = [];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    if (fcp) out.push(['@ first contentful paint', fcp.startTime]);
    for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (/iced_x86_bg.*\.wasm$/.test(r.name)) out.push(['@ iced wasm loaded', r.responseEnd]);
      if (/ScenarioEditor.*\.js$/.test(r.name)) out.push(['@ Monaco chunk loaded', r.responseEnd]);
    }
    return out;
  });
}

/** JS and wasm fetched before first contentful paint, gzip-sized from the build output. */
async function measureFirstPaintBytes(browser: Browser, url: string, outDir: string) {
  const page = await (await newContext(browser)).newPage();
  await page.goto(url);
  await page.getByTestId('site-row').first().waitFor();
  const { fcp, resources } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    resources: performance.getEntriesByType('resource').map((r) => ({
      name: r.name,
      start: r.startTime,
      end: (r as PerformanceResourceTiming).responseEnd,
    })),
  }));
  await page.context().close();
  // What first paint waits for at most: the resources fully fetched before it.
  const before = resources.filter((r) => r.end < fcp);
  const sized = (rs: typeof resources) =>
    rs
      .map((r) => ({ path: new URL(r.name).pathname, end: r.end }))
      .filter((r) => /\.(js|wasm)$/.test(r.path))
      .map((r) => ({
        ...r,
        gzip: gzipSync(readFileSync(join(outDir, r.path)), { level: 9 }).length,
      }));
  return { fcp, before: sized(before), all: sized(resources) };
}

async function main() {
  // BENCH_DIST: serve a build made earlier (e.g. to interleave two versions' runs).
  const given = process.env['BENCH_DIST'];
  const outDir = given ?? mkdtempSync(join(tmpdir(), 'altscope-bench-'));
  if (!given) {
    execFileSync(
      process.execPath,
      [
        'node_modules/vite/bin/vite.js',
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--bypass-lock',
      ],
      { stdio: 'ignore' },
    );
  }
  const server = await startPreview(outDir);
  const browser = await chromium.launch({
    executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    if (ONLY === 'vmlinuz') {
      if (existsSync(VMLINUZ)) await reportVmlinuz(browser, server.url);
      return;
    }
    const bytes = await measureFirstPaintBytes(browser, server.url, outDir);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const sum = (xs: { gzip: number }[]) => xs.reduce((n, x) => n + x.gzip, 0);
    console.log(`first contentful paint: ${bytes.fcp.toFixed(0)} ms after navigation`);
    console.log(`JS+wasm fetched before first paint (gzip): ${kb(sum(bytes.before))}`);
    for (const b of bytes.before)
      console.log(`  ${b.path}  ${kb(b.gzip)}  (done at ${b.end.toFixed(0)} ms)`);
    console.log(`JS+wasm by the time the page is ready (gzip): ${kb(sum(bytes.all))}`);
    const late = bytes.all.filter((b) => !bytes.before.some((x) => x.path === b.path));
    for (const b of late) {
      console.log(
        `  after first paint: ${b.path}  ${kb(b.gzip)}  (done at ${b.end.toFixed(0)} ms)`,
      );
    }

    if (!existsSync(CAPTURE)) {
      console.log(`${CAPTURE} absent: kernel timings skipped`);
      return;
    }
    const tmp = mkdtempSync(join(tmpdir(), 'altscope-vmlinux-'));
    const vmlinux = join(tmp, 'vmlinux-7.2.13');
    execFileSync('sh', ['-c', `xz -dc '${CAPTURE}' > '${vmlinux}'`]);
    const k = await measureKernel(browser, server.url, vmlinux);
    const vmlinux2 = join(tmp, 'vmlinux-6.12.117');
    execFileSync('sh', ['-c', `xz -dc '${CAPTURE_2}' > '${vmlinux2}'`]);
    const heap = await measureHeap(browser, server.url, vmlinux, vmlinux2);
    rmSync(tmp, { recursive: true, force: true });
    // The bare vmlinuz: zstd through wasm, names from its own kallsyms.
    const z = existsSync(VMLINUZ) ? await measureVmlinuz(browser, server.url) : null;
    const rows: [string, number[], number][] = [
      ['7.2.13 vmlinux chosen → 6,186 sites listed', k.listed, 1000],
      ['7.2.13 vmlinuz chosen → 6,186 sites listed', z?.listed ?? [], 2500],
      ['7.2.13 vmlinuz chosen → boot passes shown', z?.booted ?? [], NaN],
      ['feature toggled → final column in DOM', k.toggleDom, 16],
      ['feature toggled → painted (next frame)', k.togglePaint, 16],
      ['permalink opened cold → site shown', k.coldLink, 1000],
      ['6,186 sites copied as text → status painted', k.copyAll, 1000],
    ];
    console.log(
      `\n${'measure'.padEnd(46)} ${'median ms'.padStart(10)} ${'target'.padStart(8)}  runs`,
    );
    for (const [name, xs, target] of rows) {
      console.log(
        `${name.padEnd(46)} ${median(xs).toFixed(1).padStart(10)} ${(Number.isNaN(target) ? '—' : String(target)).padStart(8)}  ${xs.map((x) => x.toFixed(0)).join(' ')}`,
      );
    }
    console.log(`(link to one kernel site: ${k.linkLength} characters; median of ${RUNS})`);
    const mb = (x: number) => `${x.toFixed(1)} MB`;
    console.log(
      `\ntab JS heap after a full GC (main thread; target ≤ 400 MB, back within 10 % on reload):\n` +
        `  empty ${mb(heap.empty)}; 7.2 vmlinux ${mb(heap.a)}; then 6.12 ${mb(heap.b)}; ` +
        `then 7.2 again ${mb(heap.again)} (${((heap.again / heap.a - 1) * 100).toFixed(1)} % vs the first)`,
    );
    const stepNames = {
      listed: 'vmlinux listed',
      toggle: 'toggle',
      copy: 'copy sites as text',
      cold: 'cold permalink',
    };
    console.log('\nwhere the time goes (medians of the altscope: measures and milestones, ms):');
    for (const [step, byName] of Object.entries(k.steps)) {
      console.log(`  ${stepNames[step as keyof typeof stepNames]}:`);
      for (const [name, xs] of byName) {
        console.log(
          `    ${name.padEnd(40)} ${median(xs).toFixed(1).padStart(8)}  ${xs.map((x) => x.toFixed(0)).join(' ')}`,
        );
      }
    }
  } finally {
    await browser.close();
    server.stop();
    if (!given) rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
