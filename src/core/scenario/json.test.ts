import { describe, expect, it } from 'vitest';
import { parseJsonScenario, toScenarioJson } from './json';

const GOOD = `{"format":"altscope-scenario","version":1,"kernel":"7.2",
 "features":["XSAVEOPT","10*32+1"],
 "symbols":[{"name":"nop_func","addr":"0xffffffff81002220"}],
 "memory":[{"addr":"0xffffffff82a00040","bytes":"30 2b 20 81 ff ff ff ff"}],
 "sites":[{"addr":"0xffffffff81283cd3","symbol":"save_fpregs_to_fpstate+0x43/0xa0",
           "bytes":"49 0f ae 64 24 40",
           "entries":[{"feature":"10*32+0","flags":["NOT"],"repl":"490fae742440"},
                      {"feature":"XSAVEC","flags":3,"instrlen":6,"repl_addr":"0xffffffff82900000","repl":"490fc7642440"}]}]}`;

describe('parseJsonScenario', () => {
  it('reads every field, with instrlen and replacement addresses defaulted', () => {
    const r = parseJsonScenario(GOOD);
    expect(r.diagnostics).toEqual([]);
    const t = r.table!;
    expect(t.features).toEqual([320, 321]);
    const [a, b] = t.sites[0]!.entries;
    expect([a!.instrlen, a!.flags, a!.repl, a!.tableIndex]).toEqual([6, 1, 0xffffffff82800000n, 0]);
    expect([b!.flags, b!.repl, b!.cpuid, b!.replacementlen]).toEqual([
      3,
      0xffffffff82900000n,
      10 * 32 + 1 + 0,
      6,
    ]);
    expect(t.memory[0]!.bytes.length).toBe(8);
  });
  it('round-trips through toScenarioJson', () => {
    const t = parseJsonScenario(GOOD).table!;
    const again = parseJsonScenario(toScenarioJson(t));
    expect(again.diagnostics).toEqual([]);
    expect(toScenarioJson(again.table!)).toBe(toScenarioJson(t));
  });
  it('names the JSON path and line:column of a bad value', () => {
    const bad = GOOD.replace('"repl":"490fae742440"', '"repl":"49 0g"');
    const r = parseJsonScenario(bad, 'x.json');
    expect(r.table).toBeUndefined();
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'scenario-json',
        message: "sites[0].entries[0].repl: 'g' is not a hex digit",
        location: { kind: 'text', line: 7, column: 67, file: 'x.json' },
      },
    ]);
  });
  it('reads hex with and without spaces, in either case, and names the path of bad hex and addresses', () => {
    const ok = parseJsonScenario(GOOD.replace('"490fae742440"', '"49 0F AE 74 24 40"'));
    expect(Array.from(ok.table!.sites[0]!.entries[0]!.replacement)).toEqual([
      0x49, 0x0f, 0xae, 0x74, 0x24, 0x40,
    ]);
    const bad = GOOD.replace('"490fae742440"', '"490fae74244"')
      .replace('"bytes":"30 2b', '"bytes":"3\u00e9 2b')
      .replace('"addr":"0xffffffff82a00040"', '"addr":"0xfffffffff82a00040"')
      .replace('"flags":["NOT"]', '"flags":["NOT","SOMETIMES"]');
    expect(parseJsonScenario(bad).diagnostics.map((d) => d.message)).toEqual([
      'memory[0].addr: expected an address like "0xffffffff81000000", got "0xfffffffff82a00040"',
      "memory[0].bytes: '\u00e9' is not a hex digit",
      'sites[0].entries[0].flags[1]: unknown flag "SOMETIMES" (expected NOT or DIRECT_CALL)',
      'sites[0].entries[0].repl: odd number of hex digits (11)',
    ]);
  });
  it('reports syntax errors with a position and never throws', () => {
    const r = parseJsonScenario('{"format": "altscope-scenario",\n  "version": 1,, }');
    expect(r.diagnostics[0]).toMatchObject({
      code: 'json-syntax',
      location: { line: 2, column: 16 },
    });
    expect(parseJsonScenario('[[[[').diagnostics[0]!.code).toBe('json-syntax');
    expect(
      parseJsonScenario(
        '{"format":"altscope-scenario","version":2,"kernel":"9.9"}',
      ).diagnostics.map((d) => d.message),
    ).toEqual([
      'version: version 2 is newer than this altscope understands (1)',
      'kernel: expected "kernel": one of "6.1", "6.12", "7.2", "7.3"',
    ]);
  });
  it('refuses an unknown feature and an instrlen longer than the bytes', () => {
    const bad = GOOD.replace('"feature":"XSAVEC"', '"feature":"NOPE"').replace(
      '"instrlen":6',
      '"instrlen":9',
    );
    expect(parseJsonScenario(bad).diagnostics.map((d) => d.message)).toEqual([
      "sites[0].entries[1].feature: unknown feature 'NOPE' for kernel 7.2 (expected a name such as XSAVEOPT, X86_FEATURE_XSAVEOPT or xsaveopt, or W*32+B)",
      "sites[0].entries[1].instrlen: instrlen 9 is longer than the site's bytes (6)",
    ]);
  });
});
