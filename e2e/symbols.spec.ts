/**
 * Reading a real kernel like `objdump -d`: pv_ops slots by BTF member path, call targets by
 * symbol, in the site columns.
 */
import { test, expect } from './fixtures';
import { AppPage } from './pages/AppPage';
import { KernelLoad, realVmlinux612, realVmlinux72WithBtf, REFERENCE } from './pages/KernelLoad';

test.describe('symbols in the real Debian 7.2.13 vmlinux', () => {
  test.skip(realVmlinux72WithBtf() === null, `${REFERENCE} is absent: no real kernel to load`);

  test('a pv_ops site names its member; the DIRECT_CALL replacement names BUG_func', async ({
    page,
  }) => {
    const app = new AppPage(page);
    const load = new KernelLoad(page);
    await app.open();
    await load.open(realVmlinux72WithBtf()!);
    await expect(load.status).toContainText('7.2.13', { timeout: 30_000 });
    await page.getByRole('searchbox', { name: 'Search sites' }).fill('native_flush_tlb_global');
    await expect(app.siteCount).toHaveText('4 of 6186');
    await app.selectSite('native_flush_tlb_global+0x5c/0xb0');
    await expect(page.getByTestId('original-column')).toContainText(
      'call *0x1eef90e(%rip)  # ffffffff83247dc0 <pv_ops.irq.save_fl>',
    );
    await expect(page.getByTestId('entry-column').first()).toContainText(
      'call ffffffff8223d5c0 <BUG_func>',
    );
    // Copy as text: the CLI's report form (`altscope patch … --sites …`), for a mail.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('copy-site-text').click();
    await expect(page.getByText('Copied as text.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      [
        'site 0xffffffff813584ac native_flush_tlb_global+0x5c/0xb0  len 6',
        '  old      ff 15 0e f9 ee 01              call *0x1eef90e(%rip)  # ffffffff83247dc0 <pv_ops.irq.save_fl>',
        '  entry 0  DIRECT_CALL ALWAYS (3*32+21) instrlen 6: eligible — ALWAYS on, but a later eligible entry wins',
        '           e8 ca 01 4a fe                 call ffffffff8223d5c0 <BUG_func>',
        '  entry 1  NOT XENPV (8*32+16) instrlen 6: selected — NOT: XENPV is off',
        '           9c 58                          pushf; pop %rax',
        '  final    9c 58 0f 1f 40 00              pushf; pop %rax; nopl (%rax)',
        '',
      ].join('\n'),
    );
    await app.chooseSyntax('Intel');
    await expect(page.getByTestId('entry-column').first()).toContainText(
      'call ffffffff8223d5c0 <BUG_func>',
    );
    await expect(page.getByTestId('original-column')).toContainText('<pv_ops.irq.save_fl>');

    // Every CPU at once: the XSAVE site of save_fpregs_to_fpstate on the four QEMU presets.
    await page.getByRole('searchbox', { name: 'Search sites' }).fill('save_fpregs_to_fpstate');
    await app.selectSite('save_fpregs_to_fpstate+0x55/0xa0');
    await page.getByTestId('review-tab-cpus').click();
    const rows = page.getByTestId('every-cpu').locator('tbody tr');
    await expect(rows.nth(0)).toContainText('qemu64');
    await expect(rows.nth(0)).toContainText('xsave64');
    await expect(rows.filter({ hasText: 'max, Skylake-Client, EPYC' })).toContainText('xsaveopt64');

    // Two kernels side by side: the shown 7.2 against the 6.12 capture.
    await page.getByTestId('review-tab-kernels').click();
    await page.getByTestId('diff-kernels-input').setInputFiles(realVmlinux612()!);
    await expect(page.getByTestId('diff-kernels-counts')).toHaveText(
      'against vmlinux-6.12.117: added 1059, removed 1560, table 205, final 103, same 4318',
      { timeout: 60_000 },
    );

    // Layout for a kernel: the scenario editor is folded (and can be unfolded), the panes
    // resize from the keyboard through their separators.
    const fold = page.getByTestId('editor-fold');
    await expect(fold).toHaveAttribute('aria-expanded', 'false');
    await fold.click();
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
    const list = page.getByRole('separator', { name: 'Width of the site list' });
    await expect(list).toHaveAttribute('aria-valuenow', '420');
    await list.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(list).toHaveAttribute('aria-valuenow', '404');
    await page.keyboard.press('Home');
    await expect(list).toHaveAttribute('aria-valuenow', '200');
  });
});
