import { afterAll, describe, expect, it } from 'vitest';
import { createDecoder } from '../../disasm/node';
import { simulate } from '../patch/simulate';
import { parseScenario } from '.';
import { toScenarioJson } from './json';

const decoder = createDecoder();
afterAll(() => decoder.dispose());

// A 6.1 read_cr2 site: `call *pv_ops+0x168(%rip)`, ALTERNATIVE(…, "mov %cr2,%rax", ALT_NOT(XENPV)),
// also a paravirt site through pv_ops slot 45 (as in Debian 6.1.192).
const JSON_61 = `{
 "format": "altscope-scenario", "version": 1, "kernel": "6.1",
 "symbols": [{"name": "pv_ops", "addr": "0xffffffff82a398c0"},
             {"name": "_paravirt_nop", "addr": "0xffffffff81c019ca"},
             {"name": "paravirt_BUG", "addr": "0xffffffff81a06a50"}],
 "memory": [{"addr": "0xffffffff82a39a28", "bytes": "109a0781ffffffff"}],
 "sites": [{"addr": "0xffffffff8304e223", "symbol": "reset_early_page_tables+0x44/0x4f",
   "bytes": "ff15ffb79eff",
   "entries": [{"feature": "XENPV", "flags": ["NOT"], "instrlen": 6,
                "repl_addr": "0xffffffff832a25a8", "repl": "0f20d0"}]}],
 "paravirt": [{"addr": "0xffffffff8304e223", "type": 45, "bytes": "ff15ffb79eff",
               "symbol": "reset_early_page_tables+0x44/0x4f"}]
}`;

describe('6.1 scenarios', () => {
  it('JSON: "kernel":"6.1" with paravirt sites; the pass runs first, old_insn shows its call', () => {
    const { table, diagnostics } = parseScenario(JSON_61, 'pv.json');
    expect(diagnostics).toEqual([]);
    expect(table!.kernel).toBe('6.1');
    expect(table!.paravirt?.map((p) => [p.type, p.len])).toEqual([[45, 6]]);
    const report = simulate(
      table!,
      { kernel: '6.1', loop: 'multi-pass', features: new Set() },
      decoder,
    );
    // pv_ops[45] = 0xffffffff81079a10: e8 rel32 to it from 0xffffffff8304e228, then a NOP.
    expect(report.passes?.map((r) => r.what)).toEqual(['call 0xffffffff81079a10 (pv_ops slot 45)']);
    expect(report.sites[0]!.log).toEqual([
      'SMP alternatives: feat: !8*32+16, old: (reset_early_page_tables+0x44/0x4f (ffffffff8304e223) len: 6), repl: (ffffffff832a25a8, len: 3)',
      'SMP alternatives: ffffffff8304e223:   old_insn: e8 e8 b7 02 fe 90',
      'SMP alternatives: ffffffff832a25a8:   rpl_insn: 0f 20 d0',
      'SMP alternatives: ffffffff8304e223: final_insn: 0f 20 d0 90 90 90',
      'SMP alternatives: ffffffff8304e223: [3:6) optimized NOPs: 0f 20 d0 0f 1f 00',
    ]);
    // With XENPV on, the entry is not taken: the paravirt call stays.
    const xen = simulate(
      table!,
      { kernel: '6.1', loop: 'multi-pass', features: new Set([272]) },
      decoder,
    );
    expect(Array.from(xen.sites[0]!.final)).toEqual([0xe8, 0xe8, 0xb7, 0x02, 0xfe, 0x90]);
  });

  it('JSON round trip keeps the paravirt sites', () => {
    const { table } = parseScenario(JSON_61, 'pv.json');
    const again = parseScenario(toScenarioJson(table!), 'again.json');
    expect(again.diagnostics).toEqual([]);
    expect(again.table!.paravirt).toEqual(table!.paravirt);
  });

  it('a bad paravirt entry is an error at its JSON path', () => {
    const bad = JSON_61.replace('"type": 45', '"type": 300');
    const { diagnostics } = parseScenario(bad, 'pv.json');
    expect(diagnostics.map((d) => d.message)).toEqual([
      'paravirt[0].type: expected a pv_ops slot index 0..255, got 300',
    ]);
  });

  it('text: `kernel 6.1` takes 6.1 names and numbering (LFENCE_RDTSC is 3*32+18 there)', () => {
    const { table, diagnostics } = parseScenario(
      'kernel 6.1\nsite 0xffffffff81001000\n  orig 90 90 90\n  alt LFENCE_RDTSC 0f ae e8\n',
      'a.alt',
    );
    expect(diagnostics).toEqual([]);
    expect([table!.kernel, table!.sites[0]!.entries[0]!.cpuid]).toEqual(['6.1', 3 * 32 + 18]);
  });
});
