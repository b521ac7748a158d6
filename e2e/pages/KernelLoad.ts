/** Opening files in the app (file input, worker, progress), over stable data-testids. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { REFERENCE_DIR } from '../../fixtures/sharedDir';
// src/state/session.ts DRAFT_KEY (that module pulls JSON the test runner cannot import).
const DRAFT_KEY = 'altscope.draft.v1';

export const REFERENCE = REFERENCE_DIR;
const CAPTURE_72 = `${REFERENCE}/captures/debian-sid-7.2.13/vmlinux-alt.elf.xz`;

const PASSES_72 = `${REFERENCE}/captures/debian-sid-7.2.13/vmlinux-passes.elf.xz`;

/** `xz` decompressed once per worker process into a temp dir, or null if absent. */
function unxzOnce(xz: string, name: string): () => string | null {
  let path: string | null | undefined;
  return () => {
    if (path !== undefined) return path;
    if (!existsSync(xz)) return (path = null);
    const out = join(mkdtempSync(join(tmpdir(), 'altscope-e2e-')), name);
    execFileSync('sh', ['-c', `xz -dc '${xz}' > '${out}'`]);
    return (path = out);
  };
}

/** The 7.2.13 vmlinux (alternatives' sections only). */
export const realVmlinux72 = unxzOnce(CAPTURE_72, 'vmlinux-7.2.13');
/** The 7.2.13 vmlinux with every boot pass's site table (`vmlinux-passes.elf`). */
export const realPasses72 = unxzOnce(PASSES_72, 'vmlinux-passes-7.2.13.elf');
const CAPTURE_612 = `${REFERENCE}/captures/debian-trixie-6.12.117/vmlinux-alt.elf.xz`;
/** The 6.12.117 vmlinux decompressed once per worker process, or null if absent. */
export const realVmlinux612 = unxzOnce(CAPTURE_612, 'vmlinux-6.12.117');

let vmlinux72Btf: string | null | undefined;
/**
 * The 7.2.13 vmlinux with a `.BTF` section: the trimmed capture has none, so the pv_ops part of
 * its vmlinuz's BTF (fixtures/btf/pv_ops-7.2.btf) is added with objcopy. Null if absent.
 */
export function realVmlinux72WithBtf(): string | null {
  if (vmlinux72Btf !== undefined) return vmlinux72Btf;
  const plain = realVmlinux72();
  if (plain === null) return (vmlinux72Btf = null);
  const out = `${plain}-btf`;
  execFileSync('objcopy', ['--add-section', '.BTF=fixtures/btf/pv_ops-7.2.btf', plain, out]);
  return (vmlinux72Btf = out);
}

export class KernelLoad {
  readonly fileInput: Locator;
  readonly progress: Locator;
  readonly cancel: Locator;
  readonly error: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.getByTestId('file-input');
    this.progress = page.getByTestId('load-progress');
    this.cancel = page.getByTestId('load-cancel');
    this.error = page.getByTestId('load-error');
    this.status = page.getByTestId('kernel-status');
  }

  async open(path: string) {
    await this.fileInput.setInputFiles(path);
  }

  async openBytes(name: string, bytes: Uint8Array) {
    await this.fileInput.setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(bytes),
    });
  }

  /** The scenario text as autosaved (what a reload would bring back). */
  async savedScenarioText(): Promise<string | undefined> {
    return this.page.evaluate((key) => {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as { text: string }).text : undefined;
    }, DRAFT_KEY);
  }
}
