import { afterAll, describe, expect, it } from 'vitest';
import { parseFeatureList } from '../../core/features';
import { defaultLoop } from '../../core/model';
import { simulate } from '../../core/patch/simulate';
import { createDecoder } from '../../disasm/node';
import {
  CAPTURE_KERNELS,
  CAPTURES,
  capturesPresent,
  readCaptureText,
  readCaptureXz,
} from '../captures';
import { readVmlinux } from '../elf/vmlinux';
import { readFixture } from '../elf/testFixtures';
import { exportDebugLog, extractDebugLog } from './export';
import { parseBootLog } from './parse';
import { logTableToScenario } from './toTable';

const decoder = createDecoder();
afterAll(() => decoder.dispose());

describe('exportDebugLog', () => {
  it('re-exports the committed 7.2 excerpt line for line (scenario rebuilt from the log)', () => {
    const text = new TextDecoder().decode(readFixture('serial-7.2-excerpt.log'));
    const { log } = parseBootLog(text);
    const t = log.tables[0]!;
    const scen = logTableToScenario(t, '7.2', []);
    const report = simulate(
      scen.table,
      { kernel: '7.2', loop: 'single-pass', features: scen.present },
      decoder,
    );
    expect(exportDebugLog(report, { start: t.start!, end: t.end! })).toEqual(extractDebugLog(text));
  });
});

const present = capturesPresent();
if (!present) console.warn(`skipping export-vs-real-log tests: ${CAPTURES} is absent`);

for (const kernel of CAPTURE_KERNELS) {
  describe.skipIf(!present)(`export-log for ${kernel} + qemu64`, () => {
    it("equals the real boot's DA_ALT lines of the vmlinux table, line for line", () => {
      const img = readVmlinux(readCaptureXz(kernel, 'vmlinux-alt.elf.xz'));
      if (!img.ok) throw new Error('ELF');
      const t = img.value.table;
      const features = parseFeatureList(
        readCaptureText(kernel, 'qemu64/features.txt'),
        t.kernel,
      ).indices;
      const report = simulate(
        t,
        { kernel: t.kernel, loop: defaultLoop(t.kernel), features: new Set(features) },
        decoder,
      );
      const mine = exportDebugLog(report, { start: img.value.altStart, end: img.value.altEnd });
      const real = extractDebugLog(
        new TextDecoder().decode(readCaptureXz(kernel, 'qemu64/serial.log.xz')),
      );
      // The 18 sites other patchers touched print nothing in DA_ALT for this boot, so the
      // export matches the real log line for line.
      expect(mine.length).toBe(real.length);
      expect(mine).toEqual(real);
    });
  });
}

describe('exportDebugLog, 6.1', () => {
  it('re-exports the committed 6.1 excerpt line for line: `!` marks, Fix CALL, target RIP / final displ', () => {
    const text = new TextDecoder().decode(readFixture('serial-6.1-excerpt.log'));
    const t = parseBootLog(text).log.tables[0]!;
    const scen = logTableToScenario(t, '6.1', []);
    const report = simulate(
      scen.table,
      { kernel: '6.1', loop: defaultLoop('6.1'), features: scen.present },
      decoder,
    );
    expect(exportDebugLog(report, { start: t.start!, end: t.end! })).toEqual(extractDebugLog(text));
  });
});
