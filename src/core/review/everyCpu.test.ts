import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import { simulate } from '../patch/simulate';
import { getCpuPreset } from '../features/presets';
import { createDecoder } from '../../disasm/node';
import { outcomesByCpu } from './everyCpu';
import { toHex } from './bytes';

describe('outcomesByCpu', () => {
  it('groups the QEMU presets by the bytes the 7.2 XSAVE site gets on each', () => {
    // ALTERNATIVE_3(xsave64, xsaveopt64 XSAVEOPT, xsavec64 XSAVEC, xsaves64 XSAVES), as in
    // save_fpregs_to_fpstate+0x55 of the 7.2 capture.
    const r = parseScenario(
      `kernel 7.2
site 0xffffffff812fc595 save_fpregs_to_fpstate+0x55/0xa0
orig 49 0f ae 60 40
alt XSAVEOPT 49 0f ae 70 40
alt XSAVEC 49 0f c7 60 40
alt XSAVES 49 0f c7 68 40
`,
      's',
    );
    const table = r.table!;
    const deps = { simulate, decoder: createDecoder() };
    const sets = (['qemu64', 'max', 'Skylake-Client', 'EPYC'] as const).map((n) => ({
      label: n,
      features: getCpuPreset('7.2', n),
    }));
    const out = outcomesByCpu(table, table.sites[0]!, '7.2', 'single-pass', sets, deps);
    expect(out.map((o) => [o.labels, toHex(o.final)])).toEqual([
      [['qemu64'], '490fae6040'],
      [['max', 'Skylake-Client', 'EPYC'], '490fae7040'],
    ]);
  });
});
