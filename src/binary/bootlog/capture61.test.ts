/**
 * check-log and export-log on Debian 12's 6.1.192 qemu64 boot: 6.1's feat: lines (`!` for NOT,
 * no flags), its fix-up lines and its "optimized NOPs" after final_insn; the paravirt pass
 * explains every old_insn that differs from the file except at the 16 return-thunk sites.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseFeatureList } from '../../core/features';
import { defaultLoop } from '../../core/model';
import { simulate } from '../../core/patch/simulate';
import { createDecoder } from '../../disasm/node';
import { CAPTURE_61, CAPTURES, capturesPresent, readCaptureText, readCaptureXz } from '../captures';
import { readVmlinux } from '../elf/vmlinux';
import { checkBootLog } from './check';
import { exportDebugLog, extractDebugLog } from './export';
import { parseBootLog } from './parse';

const decoder = createDecoder();
afterAll(() => decoder.dispose());

const present = capturesPresent();
if (!present) console.warn(`skipping the 6.1 boot-log checks: ${CAPTURES} is absent`);

describe.skipIf(!present)(`check-log and export-log on the real ${CAPTURE_61} qemu64 boot`, () => {
  const text = present
    ? new TextDecoder().decode(readCaptureXz(CAPTURE_61, 'qemu64/serial.log.xz'))
    : '';
  const parsed = present ? parseBootLog(text) : undefined;
  const res = present ? readVmlinux(readCaptureXz(CAPTURE_61, 'vmlinux-alt.elf.xz')) : undefined;
  const img = res?.ok ? res.value : undefined;

  it('log only: the 6.1 profile is inferred and every patched site agrees, line for line', () => {
    expect(parsed!.diagnostics).toEqual([]);
    const r = checkBootLog(parsed!.log, { decoder });
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => t.kernel)).toEqual(['6.1', '6.1', '6.1']);
    expect(r.disagreements).toBe(0);
    expect(r.tables.flatMap((t) => t.lineDifferences)).toEqual([]);
  });

  it('--elf: every site agrees; no old_insn is left unexplained once paravirt is modelled', () => {
    const r = checkBootLog(parsed!.log, { decoder, image: img! });
    expect(r.diagnostics).toEqual([]);
    const t = r.tables[0]!;
    expect(t.checked).toBe(3738);
    expect(t.disagreements).toEqual([]);
    expect(t.lineDifferences).toEqual([]);
    // The 2,261 sites whose old_insn differs from the file are the modelled paravirt pass's
    // work; the 16 return-thunk sites print nothing on this boot.
    expect(t.changedBeforeAlternatives).toEqual([]);
    const listed = parseFeatureList(
      readCaptureText(CAPTURE_61, 'qemu64/features.txt'),
      '6.1',
    ).indices;
    expect(t.present).toEqual([...listed].sort((a, b) => a - b));
  });

  it("export-log equals the real boot's DA_ALT lines of the vmlinux table", () => {
    const t = img!.table;
    const features = parseFeatureList(
      readCaptureText(CAPTURE_61, 'qemu64/features.txt'),
      '6.1',
    ).indices;
    const report = simulate(
      t,
      { kernel: '6.1', loop: defaultLoop('6.1'), features: new Set(features) },
      decoder,
    );
    const mine = exportDebugLog(report, { start: img!.altStart, end: img!.altEnd });
    const real = extractDebugLog(text);
    const firstDiff = mine.findIndex((l, i) => l !== real[i]);
    expect([firstDiff, mine[firstDiff], real[firstDiff]]).toEqual([-1, undefined, undefined]);
    expect(mine.length).toBe(real.length);
  });
});
