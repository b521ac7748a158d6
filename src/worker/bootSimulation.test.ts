import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CAPTURES_DIR } from '../../fixtures/sharedDir';
import { capturesPresent, readCaptureXz } from '../binary/captures';
import { createDecoder } from '../disasm/node';
import { bootRecord } from './bootColumns';
import { bootKernelOf, type OpenedBoot } from './bootKernel';
import { runBoot } from './bootSimulation';
import { readKernelFileKeeping } from './readKernelFile';

/** A file as the app opens it for the boot passes: read once by the file reader, then kept. */
async function openBoot(bytes: Uint8Array): Promise<OpenedBoot> {
  const { outcome, kernel } = await readKernelFileKeeping(bytes, 'kernel');
  if (!kernel) throw new Error(`no kernel: ${JSON.stringify(outcome.diagnostics)}`);
  return bootKernelOf(kernel);
}

const present = capturesPresent();
const K = 'debian-sid-7.2.13';

describe.skipIf(!present)('the boot worker’s simulation of the real 7.2.13 kernel', () => {
  it('a vmlinux without the passes’ tables says so', async () => {
    const r = await openBoot(readCaptureXz(K, 'vmlinux-alt.elf.xz'));
    expect(r.ok ? '' : r.reason).toBe(
      'this image carries no boot-pass tables (.return_sites, .retpoline_sites): open a full ' +
        'vmlinux, a vmlinux-passes.elf or a vmlinuz to see every pass',
    );
  });

  it('vmlinux-passes.elf.xz: every pass in order, the r11 thunk site rewritten by returns', async () => {
    const o = await openBoot(readCaptureXz(K, 'vmlinux-passes.elf.xz'));
    if (!o.ok) throw new Error(o.reason);
    const { columns: c } = runBoot(o, o.image.table.features, createDecoder());
    expect(c.passes.map((p) => [p.pass, p.end - p.start, p.missing])).toEqual([
      ['jump-labels', 9929, false],
      ['static-calls', 10389, false],
      ['ftrace', 46295, false],
      ['cfi', 0, false],
      ['retpolines', 9288, false],
      ['returns', 65677, false],
      ['call-thunks', 0, false],
      ['alternatives', 6186, false],
      ['endbr-seal', 13584, false],
      ['smp-locks', 11620, false],
      ['runtime-consts', 0, false],
    ]);
    const k = c.siteAddr.indexOf(0xffffffff82254060n);
    const recs = [...c.siteRecs.subarray(c.siteRecStart[k], c.siteRecStart[k + 1])];
    expect(
      recs.map((i) => bootRecord(c, i)).map((r) => [r.pass, r.addr, r.symbol, r.what]),
    ).toEqual([
      ['returns', 0xffffffff8225406an, '__pi___x86_indirect_thunk_r11+0xa/0x20', 'ret; int3'],
    ]);
    // 18 sites start from bytes an earlier pass wrote (the 16 thunks and two in ftrace's code).
    let touched = 0;
    for (let s = 0; s < c.siteAddr.length; s++)
      if (c.siteRecStart[s + 1]! > c.siteRecStart[s]!) touched++;
    expect(touched).toBe(18);
  }, 120_000);

  it('the vmlinuz: its runtime constants, the heap addresses among them shown as unknowable', async () => {
    const o = await openBoot(new Uint8Array(readFileSync(`${CAPTURES_DIR}/${K}/vmlinuz`)));
    if (!o.ok) throw new Error(o.reason);
    const { columns: c } = runBoot(o, o.image.table.features, createDecoder());
    const rc = c.passes.find((p) => p.pass === 'runtime-consts')!;
    const unknowable: string[] = [];
    for (let i = rc.start; i < rc.end; i++) {
      const r = bootRecord(c, i);
      if (r.unknowable) unknowable.push(r.what);
    }
    expect([rc.end - rc.start, unknowable.length, [...new Set(unknowable)]]).toEqual([
      179,
      27,
      [
        'd_hash_shift: known only on the booted machine',
        'dentry_hashtable: known only on the booted machine',
        '__dentry_cache: known only on the booted machine',
        '__names_cache: known only on the booted machine',
        '__filp_cache: known only on the booted machine',
        '__bfilp_cache: known only on the booted machine',
      ],
    ]);
  }, 120_000);
});
