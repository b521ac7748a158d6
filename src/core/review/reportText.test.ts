import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import { simulate } from '../patch/simulate';
import { createDecoder, createDisassembler } from '../../disasm/node';
import { formatReportHeader, formatReportText } from './reportText';

const decoder = createDecoder();
const dis = createDisassembler();

const SCENARIO = `kernel 7.2
site 0xffffffff81000000 f+0x0/0x40
orig 90 90 90
alt XSAVE 0f 01 d0
site 0xffffffff81000010 g+0x10/0x40
orig e8 00 00 00 00
alt ALWAYS 0f ae e8
site 0xffffffff81000020 h+0x4/0x20
orig 90 90 90
alt NOT XENPV 0f 0b 90
`;

function reportOf(features: number[]) {
  const r = parseScenario(SCENARIO, 'k');
  if (!r.table) throw new Error(r.diagnostics[0]?.message);
  const table = r.table;
  const report = simulate(
    table,
    { kernel: table.kernel, loop: 'single-pass', features: new Set(features) },
    decoder,
  );
  return { table, report };
}

describe('the report text of a few sites', () => {
  it('prints the header, then each chosen site and a blank line, as altscope patch does', () => {
    const { table, report } = reportOf([4 * 32 + 26]); // XSAVE
    expect(formatReportText(report, [0, 2], table, dis, { syntax: 'att' })).toBe(
      [
        'kernel 7.2, single-pass; features: XSAVE',
        '',
        'site 0xffffffff81000000 f+0x0/0x40  len 3',
        '  old      90 90 90                       nop; nop; nop',
        '  entry 0  XSAVE (4*32+26) instrlen 3: selected — XSAVE on',
        '           0f 01 d0                       xgetbv',
        '  final    0f 01 d0                       xgetbv',
        '',
        'site 0xffffffff81000020 h+0x4/0x20  len 3',
        '  old      90 90 90                       nop; nop; nop',
        '  entry 0  NOT XENPV (8*32+16) instrlen 3: selected — NOT: XENPV is off',
        '           0f 0b 90                       ud2; nop',
        '  final    0f 0b 90                       ud2; nop',
        '',
      ].join('\n'),
    );
  });

  it('says (none) without features and prints no site for no positions', () => {
    const { table, report } = reportOf([]);
    expect(formatReportHeader(report)).toBe('kernel 7.2, single-pass; features: (none)');
    expect(formatReportText(report, [], table, dis, { syntax: 'intel' })).toBe(
      'kernel 7.2, single-pass; features: (none)\n',
    );
  });
});
