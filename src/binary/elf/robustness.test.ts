import { describe, expect, it } from 'vitest';
import { ABSURD, byteFlips, fieldValues, truncations } from '../mutate';
import type { ReadResult } from '../result';
import { readRelocatable } from './relocatable';
import { readFixture } from './testFixtures';
import { readVmlinux } from './vmlinux';

/** Every answer is data: ok with a value, or not ok with at least one located diagnostic. */
function expectAnswer(r: ReadResult<unknown>): void {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]!.code).not.toBe('internal-error');
  }
}

/** Section-header field offsets (within a 64-byte Elf64_Shdr) worth corrupting. */
const SHDR_FIELDS: [number, 4 | 8][] = [
  [0, 4],
  [4, 4],
  [24, 8],
  [32, 8],
  [40, 4],
  [44, 4],
  [48, 8],
  [56, 8],
];

for (const [name, read] of [
  ['mini-alt.elf', readVmlinux],
  ['mini-alt.o', readRelocatable],
] as const) {
  describe(`${name}: mutants give a result or a diagnostic, never a throw`, () => {
    const input = readFixture(name);
    const v = new DataView(input.buffer, input.byteOffset);
    const shoff = Number(v.getBigUint64(40, true));
    const shnum = v.getUint16(60, true);

    it('truncated at every 7th byte', () => {
      for (const t of truncations(input, 7)) {
        const r = read(t);
        expectAnswer(r);
        expect(r.ok).toBe(false);
      }
    });

    it('random byte flips (seeded)', () => {
      for (const m of byteFlips(input, 1500, 0xa175c0)) expectAnswer(read(m));
    });

    it('absurd header and section-header values', () => {
      for (const [off, w] of [
        [40, 8],
        [58, 2],
        [60, 2],
        [62, 2],
      ] as const) {
        for (const m of fieldValues(input, off, w, ABSURD)) expectAnswer(read(m));
      }
      for (let i = 0; i < shnum; i++) {
        for (const [f, w] of SHDR_FIELDS) {
          for (const m of fieldValues(input, shoff + i * 64 + f, w, ABSURD)) expectAnswer(read(m));
        }
      }
    });
  });
}

describe('clear errors for broken headers', () => {
  const input = readFixture('mini-alt.elf');
  const shoff = Number(new DataView(input.buffer, input.byteOffset).getBigUint64(40, true));

  it('names what and where', () => {
    const cases: [Uint8Array, string, number][] = [
      [
        input.subarray(0, 40),
        'ELF header at offset 0 (64 bytes) is past the end of the file (size 40)',
        0,
      ],
      [[...fieldValues(input, 0, 1, [0x7en])][0]!, 'not an ELF file (bad magic)', 0],
      [
        [...fieldValues(input, 60, 2, [0xffffn])][0]!,
        `section header table (65535 headers at offset ${shoff}) is past the end of the file (size ${input.length})`,
        shoff,
      ],
      [
        [...fieldValues(input, 62, 2, [40n])][0]!,
        'e_shstrndx 40 is not a section (e_shnum 10)',
        62,
      ],
      [
        [...fieldValues(input, shoff + 64 + 32, 8, [1n << 40n])][0]!,
        `section 1 contents (offset 4096, size 1099511627776) extend past the end of the file (size ${input.length})`,
        shoff + 64 + 24,
      ],
    ];
    // Section 2 (.altinstr_replacement) moved onto section 1 (.text).
    cases.push([
      [...fieldValues(input, shoff + 2 * 64 + 24, 8, [0x1010n])][0]!,
      'sections 1 and 2 overlap in the file (offsets 4096..4215 and 4112..4135)',
      shoff + 2 * 64 + 24,
    ]);
    for (const [bytes, message, offset] of cases) {
      const r = readVmlinux(bytes);
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]).toMatchObject({
        severity: 'error',
        message,
        location: { kind: 'offset', offset },
      });
    }
  });
});
