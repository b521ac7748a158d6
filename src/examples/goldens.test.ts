import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTextScenario, printTextScenario } from '../core/scenario';
import { describeTable } from '../core/scenario/testing';
import { defaultScenario, exampleOpening, EXAMPLES } from '.';
import { listGoldenCases, runGoldenCase } from './goldens';
import { createAssembler } from '../disasm/asm';

const assembler = createAssembler();

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'examples');

describe('built-in examples', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    '%s parses cleanly and round-trips through the printer',
    (_id, example) => {
      const parsed = parseTextScenario(example.text, undefined, undefined, { assembler });
      expect(parsed.diagnostics).toEqual([]);
      const again = parseTextScenario(printTextScenario(parsed.table!));
      expect(describeTable(again.table!)).toEqual(describeTable(parsed.table!));
    },
  );

  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    '%s opens in a state its golden cases cover (one of its cpus, a run of its kernel)',
    (_id, example) => {
      const kernel = parseTextScenario(example.text, undefined, undefined, { assembler }).table!
        .kernel;
      const opening = exampleOpening(example);
      const engine = opening.engine ?? (kernel === '6.12' ? 'multi-pass' : 'single-pass');
      const path = `${example.id}/${kernel}-${engine}-${example.opens.cpu}.json`;
      expect(listGoldenCases(example).map((c) => c.path)).toContain(path);
      expect(existsSync(join(fixtures, path))).toBe(true);
    },
  );

  it('the default scenario holds the XSTATE_XSAVE, paravirt and ordering-bug sites', () => {
    const { table, diagnostics } = parseTextScenario(defaultScenario);
    expect(diagnostics).toEqual([]);
    expect(table!.sites.map((s) => s.symbol)).toEqual([
      'save_fpregs_to_fpstate+0x43/0xa0',
      'read_cr2',
      'xen_direct_call_outer',
    ]);
  });
});

const cases = EXAMPLES.flatMap((e) => listGoldenCases(e).map((c) => [c.path, e, c] as const));

describe('golden cases (altscope patch --json)', () => {
  it.each(cases)('%s', async (path, example, c) => {
    const expected = readFileSync(join(fixtures, path), 'utf8');
    const r = await runGoldenCase(example, c);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
    // Exit status 1 exactly when the kernel would BUG.
    expect(r.status).toBe(expected.includes('"kernel-bug') ? 1 : 0);
  });
});
