import { describe, expect, it } from 'vitest';
import { capturesPresent, readCaptureXz } from '../../binary/captures';
import { exitOnClosedPipe } from '../io';
import { runCli } from '../testing';

const run = runCli;

describe.skipIf(!capturesPresent())('altscope patch --sites on the 7.2 capture', () => {
  const files = { 'vmlinux-7.2': readCaptureXz('debian-sid-7.2.13', 'vmlinux-alt.elf.xz') };

  it('reports one function, objdump-style, in text', async () => {
    const r = await run(
      files,
      'patch',
      'vmlinux-7.2',
      '--sites',
      'native_flush_tlb_global+0x5c/0xb0',
    );
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 8)).toEqual([
      'kernel 7.2, single-pass; features: (none)',
      '',
      'site 0xffffffff813584ac native_flush_tlb_global+0x5c/0xb0  len 6',
      // No .BTF in the trimmed capture: the slot is named by offset.
      '  old      ff 15 0e f9 ee 01              call *0x1eef90e(%rip)  # ffffffff83247dc0 <pv_ops+0xe0>',
      '  entry 0  DIRECT_CALL ALWAYS (3*32+21) instrlen 6: eligible — ALWAYS on, but a later eligible entry wins',
      '           e8 ca 01 4a fe                 call ffffffff8223d5c0 <BUG_func>',
      '  entry 1  NOT XENPV (8*32+16) instrlen 6: selected — NOT: XENPV is off',
      '           9c 58                          pushf; pop %rax',
    ]);
  });

  it('narrows the JSON report by glob, and says which pattern matched nothing', async () => {
    const r = await run(
      files,
      'patch',
      'vmlinux-7.2',
      '--sites',
      'native_flush_tlb_global',
      '--json',
    );
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { sites: { symbol: string }[] };
    expect(doc.sites.map((s) => s.symbol)).toEqual([
      'native_flush_tlb_global+0x24/0xb0',
      'native_flush_tlb_global+0x5c/0xb0',
      'native_flush_tlb_global+0x67/0xb0',
      'native_flush_tlb_global+0x95/0xb0',
    ]);
    const bad = await run(files, 'patch', 'vmlinux-7.2', '--sites', 'no_such_fn*');
    expect(bad).toEqual({
      status: 2,
      stdout: '',
      stderr: "altscope patch: no site matches 'no_such_fn*'\n",
    });
  });
});

describe('a closed output pipe', () => {
  it('exits 0 on EPIPE and rethrows anything else', () => {
    let listener: ((e: NodeJS.ErrnoException) => void) | undefined;
    const codes: number[] = [];
    exitOnClosedPipe({ on: (_e, l) => (listener = l) }, (code) => {
      codes.push(code);
      return undefined as never;
    });
    listener?.(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(codes).toEqual([0]);
    expect(() => listener?.(Object.assign(new Error('EIO'), { code: 'EIO' }))).toThrow('EIO');
  });
});
