/**
 * Proof over real code: every instruction of the shared 6.12 and 7.2 kernels' sites and
 * replacements, disassembled by iced as src/disasm formats it, assembles back to the same bytes
 * at the same address — except where the text cannot say what the kernel wrote. The only such
 * case: a DS prefix (0x3e) the kernel writes by hand (`.byte 0x3e; clflush` in
 * clflush_cache_range's alternative, `ds wrmsr` in 7.2's MSR writes) to pad the instruction;
 * iced omits a useless DS prefix when formatting, and GAS given that text emits no prefix.
 */
import * as iced from 'iced-x86';
import { afterAll, describe, expect, it } from 'vitest';
import { CAPTURES, capturesAvailable, loadCapture } from '../../../fixtures/captures/loadCapture';
import { parseScenario } from '../../core/scenario';
import { makeIcedDisassembler } from '../format';
import { makeIcedAssembler } from './assemble';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Expected: instructions checked, and each differing (text, kernel bytes → ours) with its count. */
const EXPECTED = {
  '6.12': {
    att: { total: 16176, diffs: { 'clflush (%rax) 3e0fae38 → 0fae38': 4 } },
    intel: { total: 16176, diffs: { 'clflush [rax] 3e0fae38 → 0fae38': 4 } },
  },
  '7.2': {
    att: {
      total: 17897,
      diffs: {
        'clflush (%rax) 3e0fae38 → 0fae38': 8,
        'clflush (%rdi) 3e0fae3f → 0fae3f': 1,
        'wrmsr 3e0f30 → 0f30': 7,
      },
    },
    intel: {
      total: 17897,
      diffs: {
        'clflush [rax] 3e0fae38 → 0fae38': 8,
        'clflush [rdi] 3e0fae3f → 0fae3f': 1,
        'wrmsr 3e0f30 → 0f30': 7,
      },
    },
  },
} as const;

describe.skipIf(!capturesAvailable())('assembler round trip over real kernels', () => {
  const asm = makeIcedAssembler(iced);
  const dis = makeIcedDisassembler(iced);
  afterAll(() => dis.dispose());

  for (const { kernel } of CAPTURES.filter((c) => c.kernel in EXPECTED)) {
    for (const syntax of ['att', 'intel'] as const) {
      it(`${kernel} ${syntax}: the same bytes back, DS padding prefixes apart`, () => {
        const table = parseScenario(loadCapture(kernel).scenarioText).table!;
        const runs: [Uint8Array, bigint][] = [];
        for (const s of table.sites) {
          runs.push([s.original, s.addr]);
          for (const e of s.entries) runs.push([e.replacement, e.repl]);
        }
        let total = 0;
        const diffs: Record<string, number> = {};
        for (const [bytes, addr] of runs) {
          for (const f of dis.disassemble(bytes, addr, syntax)) {
            if (!f.ok) continue;
            total++;
            const want = hex(bytes.subarray(f.offset, f.offset + f.length));
            const r = asm.assemble(f.text, addr + BigInt(f.offset), { syntax });
            const got = r.ok ? hex(r.bytes) : `error: ${r.error.message}`;
            if (got !== want) {
              const key = `${f.text} ${want} → ${got}`;
              diffs[key] = (diffs[key] ?? 0) + 1;
            }
          }
        }
        const expected = EXPECTED[kernel as keyof typeof EXPECTED][syntax];
        expect({ total, diffs }).toEqual(expected);
        const same = total - Object.values(diffs).reduce((a, b) => a + b, 0);
        console.log(
          `${kernel} ${syntax}: ${same}/${total} (${((100 * same) / total).toFixed(3)} %)`,
        );
      }, 60_000);
    }
  }
});
