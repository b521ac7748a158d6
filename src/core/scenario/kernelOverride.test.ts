import { describe, expect, it } from 'vitest';
import { parseScenario } from './index';

// INDIRECT_THUNK_ITS is 21*32+10 in 7.2 and 21*32+6 in 6.12; P4 exists only in 6.12.
const TEXT = [
  'kernel 7.2',
  'site 0xffffffff81000000 its_thunk',
  '  orig e8 00 00 00 00',
  '  alt INDIRECT_THUNK_ITS 90 90 90 90 90',
  '',
].join('\n');

const JSON_TEXT = JSON.stringify({
  format: 'altscope-scenario',
  version: 1,
  kernel: '7.2',
  sites: [
    {
      addr: '0xffffffff81000000',
      bytes: 'e8 00 00 00 00',
      entries: [{ feature: 'INDIRECT_THUNK_ITS', repl: '90 90 90 90 90' }],
    },
  ],
});

describe('parseScenario with a chosen kernel profile', () => {
  it("resolves names in the scenario's own profile by default", () => {
    const r = parseScenario(TEXT);
    expect(r.diagnostics).toEqual([]);
    expect(r.table?.kernel).toBe('7.2');
    expect(r.table?.sites[0]?.entries[0]?.cpuid).toBe(21 * 32 + 10);
  });

  it("resolves names in the chosen profile's catalogue (text form)", () => {
    const r = parseScenario(TEXT, undefined, '6.12');
    expect(r.diagnostics).toEqual([]);
    expect(r.table?.kernel).toBe('6.12');
    expect(r.table?.sites[0]?.entries[0]?.cpuid).toBe(21 * 32 + 6);
  });

  it('reports a name the chosen profile does not have, at its line:column', () => {
    const r = parseScenario(TEXT.replace('INDIRECT_THUNK_ITS', 'ZEN6'), undefined, '6.12');
    expect(r.table).toBeUndefined();
    expect(
      r.diagnostics.map((d) => `${d.location?.kind === 'text' ? d.location.line : '?'}`),
    ).toEqual(['4']);
    expect(r.diagnostics[0]?.message).toContain('ZEN6');
  });

  it("resolves names in the chosen profile's catalogue (JSON form)", () => {
    const own = parseScenario(JSON_TEXT);
    const chosen = parseScenario(JSON_TEXT, undefined, '6.12');
    expect(own.diagnostics).toEqual([]);
    expect(chosen.diagnostics).toEqual([]);
    expect(own.table?.sites[0]?.entries[0]?.cpuid).toBe(21 * 32 + 10);
    expect(chosen.table?.kernel).toBe('6.12');
    expect(chosen.table?.sites[0]?.entries[0]?.cpuid).toBe(21 * 32 + 6);
  });

  it('still checks the kernel statement when a profile is chosen', () => {
    const r = parseScenario(TEXT.replace('kernel 7.2', 'kernel 5.4'), undefined, '6.12');
    expect(r.diagnostics[0]?.message).toBe(
      "expected a kernel version (6.1, 6.12, 7.2 or 7.3), found '5.4'",
    );
  });
});
