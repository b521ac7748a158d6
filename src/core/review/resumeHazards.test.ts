import { afterAll, describe, expect, it } from 'vitest';
import { makeReviewDeps } from '../../../fixtures/review/deps';
import { hex } from '../../../fixtures/review/tables';
import { findResumeHazards } from './resumeHazards';

const deps = makeReviewDeps('7.2');
afterAll(() => deps.dispose());
const hazards = (before: string, after: string) =>
  findResumeHazards(deps.decoder, hex(before), hex(after));

describe('findResumeHazards', () => {
  it('flags the return address of a call that a later write cuts in half', () => {
    // call pv_fn; nop → mov %cr2,%rax; nopl (%rax): a task inside pv_fn returns to +5, mid-nopl.
    expect(hazards('e82b1b200090', '0f20d00f1f00')).toEqual([5]);
  });

  it('finds none when the old bytes are one instruction (offset 0 is always a boundary)', () => {
    expect(hazards('ff152af09f01', 'e81b1b200090')).toEqual([]);
    expect(hazards('490fae642440', '490fae742440')).toEqual([]);
  });

  it('flags every single-byte NOP that NOP optimisation merges into one long NOP', () => {
    expect(hazards('9090909090', '0f1f440000')).toEqual([1, 2, 3, 4]);
  });

  it('keeps boundaries both states share', () => {
    // 2-byte jmp + three NOPs → 2-byte jmp + one 3-byte NOP: +2 stays a boundary, +3 and +4 do not.
    expect(hazards('eb03909090', 'eb030f1f00')).toEqual([3, 4]);
  });
});
