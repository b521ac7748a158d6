import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFeatureList } from '../../core/features';
import { createDecoder } from '../../disasm/node';
import {
  CAPTURE_KERNELS,
  CAPTURES,
  capturesPresent,
  readCaptureText,
  readCaptureXz,
} from '../captures';
import { readVmlinux } from '../elf/vmlinux';
import { hex, readFixture } from '../elf/testFixtures';
import { checkBootLog } from './check';
import { parseBootLog } from './parse';
import { SEED_DIR } from '../../../fixtures/sharedDir';

const decoder = createDecoder();
afterAll(() => decoder.dispose());
const text = (name: string) => new TextDecoder().decode(readFixture(name));

describe('checkBootLog on committed excerpts', () => {
  it('7.2 excerpt: infers the loop and features, recomputes every site, no disagreement', () => {
    const { log } = parseBootLog(text('serial-7.2-excerpt.log'));
    const res = checkBootLog(log, { decoder });
    expect(res.diagnostics).toEqual([]);
    expect(
      res.tables.map((t) => [t.kernel, t.checked, t.disagreements.length, t.present, t.absent]),
    ).toEqual([['7.2', 6, 0, [], [272]]]);
  });

  it('6.12 excerpt: DIRECT_CALL targets come from final_insn, BUG_func from rpl_insn', () => {
    const { log } = parseBootLog(text('serial-6.12-excerpt.log'));
    const res = checkBootLog(log, { decoder });
    const t = res.tables[0]!;
    expect([t.kernel, t.checked, t.disagreements.length, t.present, t.absent]).toEqual([
      '6.12',
      3,
      0,
      [117],
      [272],
    ]);
    expect(t.report.sites.map((s) => hex(s.final))).toEqual([
      'fa0f1f440000',
      '9c580f1f4000',
      'e8f2c598fe90',
    ]);
  });

  it('a tampered final byte is reported as a disagreement at its site and line', () => {
    const tampered = text('serial-7.2-excerpt.log').replace(
      '[1:6) optimized NOPs: fb 0f 1f 44 00 00',
      '[1:6) optimized NOPs: fb 0f 1f 44 00 01',
    );
    const res = checkBootLog(parseBootLog(tampered).log, { decoder });
    expect(res.disagreements).toBe(1);
    const d = res.tables[0]!.disagreements[0]!;
    expect([d.symbol, hex(d.log), hex(d.altscope), d.line]).toEqual([
      'start_kernel+0x74f/0x8a0',
      'fb0f1f440001',
      'fb0f1f440000',
      29,
    ]);
  });
});

const SEED = `${SEED_DIR}/000_0e0dff4e0cb7b845.txt`;

describe.skipIf(!existsSync(SEED))('checkBootLog on the seed thread', () => {
  it("bytes agree, but the second record's old_insn is not what 6.12 multi-pass prints", () => {
    const res = checkBootLog(parseBootLog(readFileSync(SEED, 'utf8')).log, { decoder });
    const t = res.tables[0]!;
    expect([t.kernel, t.checked, t.disagreements.length, t.present]).toEqual([
      '6.12',
      1,
      0,
      [320, 321],
    ]);
    expect(t.lineDifferences).toEqual([
      {
        addr: 0xffffffff81283cd3n,
        symbol: 'save_fpregs_to_fpstate+0x43/0xa0',
        line: 370,
        log: 'SMP alternatives: ffffffff81283cd3:   old_insn: 49 0f ae 64 24 40',
        altscope: 'SMP alternatives: ffffffff81283cd3:   old_insn: 49 0f ae 74 24 40',
      },
    ]);
  });
});

const present = capturesPresent();
if (!present) console.warn(`skipping real boot-log checks: ${CAPTURES} is absent`);

for (const kernel of CAPTURE_KERNELS) {
  describe.skipIf(!present)(`check-log on the real ${kernel} qemu64 boot`, () => {
    const parsed = present
      ? parseBootLog(new TextDecoder().decode(readCaptureXz(kernel, 'qemu64/serial.log.xz')))
      : undefined;

    it('log only: every patched site of every table agrees', () => {
      expect(parsed!.diagnostics).toEqual([]);
      const res = checkBootLog(parsed!.log, { decoder });
      expect(res.diagnostics).toEqual([]);
      expect(res.tables.length).toBe(3); // vmlinux + two vDSO images
      expect(res.disagreements).toBe(0);
      expect(res.tables.flatMap((t) => t.lineDifferences)).toEqual([]);
      expect(res.tables[0]!.checked).toBe(kernel.endsWith('7.2.13') ? 5299 : 4980);
    });

    it('--elf: every site of the table agrees and the inferred features equal features.txt', () => {
      const img = readVmlinux(readCaptureXz(kernel, 'vmlinux-alt.elf.xz'));
      if (!img.ok) throw new Error('ELF did not read');
      const res = checkBootLog(parsed!.log, { decoder, image: img.value });
      expect(res.diagnostics).toEqual([]);
      const t = res.tables[0]!;
      expect(t.checked).toBe(img.value.table.sites.length);
      expect(t.disagreements).toEqual([]);
      expect(t.lineDifferences).toEqual([]);
      const listed = parseFeatureList(
        readCaptureText(kernel, 'qemu64/features.txt'),
        img.value.table.kernel,
      ).indices;
      expect(t.present).toEqual([...listed].sort((a, b) => a - b));
    });
  });
}

describe('6.1 excerpt (committed)', () => {
  it('infers 6.1 from feat: lines without flags, recomputes every site with fix-ups, no disagreement', () => {
    const { log, diagnostics } = parseBootLog(text('serial-6.1-excerpt.log'));
    expect(diagnostics).toEqual([]);
    const res = checkBootLog(log, { decoder });
    expect(res.diagnostics).toEqual([]);
    const t = res.tables[0]!;
    expect([t.kernel, t.checked, t.disagreements.length, t.lineDifferences]).toEqual([
      '6.1',
      4,
      0,
      [],
    ]);
    expect([t.present, t.absent]).toEqual([[112, 117], [272]]);
    expect(t.report.sites.map((s) => hex(s.final))).toEqual([
      '0f22df0f1f00',
      '0f20d80f1f00',
      'e8884397fe',
      'eb3b0f1f00',
    ]);
  });
});
