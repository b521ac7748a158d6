/**
 * "Copy sites as text": the sites marked for the link (else the listed ones) as
 * `altscope patch <input> --sites …` prints them, for a mail.
 */
import { execFileSync } from 'node:child_process';
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';
import { KernelLoad, realVmlinux72WithBtf, REFERENCE } from './pages/KernelLoad';

const READ_CR2_AND_XEN_OUTER = [
  'kernel 7.2, single-pass; features: ALWAYS',
  '',
  'site 0xffffffff81001000 read_cr2  len 6',
  '  old      ff 15 3a f0 9f 01              call *0x19ff03a(%rip)  # ffffffff82a00040',
  '  entry 0  DIRECT_CALL ALWAYS (3*32+21) instrlen 6: eligible — ALWAYS on, but a later eligible entry wins',
  '           e8 fb ff bf fe                 call ffffffff81400000 <BUG_func>',
  '  entry 1  NOT XENPV (8*32+16) instrlen 6: selected — NOT: XENPV is off',
  '           0f 20 d0                       mov %cr2, %rax',
  '  final    0f 20 d0 0f 1f 00              mov %cr2, %rax; nopl (%rax)',
  '',
  'site 0xffffffff81001010 xen_direct_call_outer  len 6',
  '  old      ff 15 2a f0 9f 01              call *0x19ff02a(%rip)  # ffffffff82a00040',
  '  entry 0  ALWAYS (3*32+21) instrlen 6: selected — ALWAYS on',
  '           0f 20 d0                       mov %cr2, %rax',
  '  entry 1  DIRECT_CALL XENPV (8*32+16) instrlen 6: not eligible — XENPV off',
  '           e8 f0 ff bf fe                 call ffffffff81400000 <BUG_func>',
  '  final    0f 20 d0 0f 1f 00              mov %cr2, %rax; nopl (%rax)',
  '',
].join('\n');

test('two Ctrl-clicked sites copy as the CLI prints them; without marks, the listed sites', async ({
  page,
}) => {
  const app = new AppPage(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  const copy = page.getByTestId('copy-sites-text');
  const status = page.getByTestId('copy-sites-status');
  await expect(copy).toHaveText('Copy 3 sites as text');

  await app.siteRows.filter({ hasText: 'read_cr2' }).click({ modifiers: ['Control'] });
  await app.siteRows.filter({ hasText: 'xen_direct_call_outer' }).click({ modifiers: ['Control'] });
  await expect(copy).toHaveText('Copy 2 marked sites as text');
  await copy.click();
  await expect(status).toHaveText('Copied 2 sites as text.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(READ_CR2_AND_XEN_OUTER);

  // No marks: the sites the search leaves, from the keyboard.
  await page.getByRole('button', { name: 'Clear the sites selected for the link' }).click();
  await page.getByRole('searchbox', { name: 'Search sites' }).fill('read_cr2');
  await expect(copy).toHaveText('Copy 1 site as text');
  await expect(status).toHaveText('');
  await copy.focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('Copied 1 site as text.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    READ_CR2_AND_XEN_OUTER.split('\nsite 0xffffffff81001010')[0],
  );

  // A refused clipboard is said, not thrown.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
  });
  await page.keyboard.press('Space');
  await expect(status).toHaveText('The clipboard is not available.');
});

test.describe('copying sites of the real Debian 7.2.13 vmlinux', () => {
  test.skip(realVmlinux72WithBtf() === null, `${REFERENCE} is absent: no real kernel to load`);

  test('equals `altscope patch vmlinux --sites …` for the same two sites', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    const vmlinux = realVmlinux72WithBtf()!;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.open();
    await load.open(vmlinux);
    await expect(app.siteCount).toHaveText('6186', { timeout: 30_000 });
    await expect(page.getByTestId('copy-sites-text')).toHaveText('Copy 6186 sites as text');
    await page.getByRole('searchbox', { name: 'Search sites' }).fill('native_flush_tlb_global');
    await expect(app.siteCount).toHaveText('4 of 6186');
    await app.siteRows.nth(3).click({ modifiers: ['Control'] });
    await app.siteRows.nth(1).click({ modifiers: ['Control'] });
    await page.getByTestId('copy-sites-text').click();
    await expect(page.getByTestId('copy-sites-status')).toHaveText('Copied 2 sites as text.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());

    // The header names the features the app had on: the same command line turns them on.
    const features = /; features: (.*)$/m.exec(copied)![1]!;
    const cli = execFileSync('node', [
      'bin/altscope.mjs',
      'patch',
      vmlinux,
      '--sites',
      'native_flush_tlb_global+0x95/0xb0,native_flush_tlb_global+0x5c/0xb0',
      ...(features === '(none)' ? [] : ['--features', features.replaceAll(' ', ',')]),
    ]).toString();
    expect(copied).toBe(cli);
    expect(copied.split('\n').filter((l) => l.startsWith('site '))).toEqual([
      'site 0xffffffff813584ac native_flush_tlb_global+0x5c/0xb0  len 6',
      'site 0xffffffff813584e5 native_flush_tlb_global+0x95/0xb0  len 6',
    ]);
  });
});
