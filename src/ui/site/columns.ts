/**
 * The site view's columns, aligned by byte offset: every column gets one row per instruction
 * start found in ANY column, so the same offset sits on the same line across Original, each
 * replacement and Final.
 */
import type { AltEntry } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import type { AsmSyntax, Disassembler, FormattedInsn } from '../../core/ports';

export interface SiteColumn {
  key: string;
  kind: 'original' | 'entry' | 'final';
  /** Address of the column's first byte. */
  base: bigint;
  bytes: Uint8Array;
  insns: FormattedInsn[];
  entry?: { index: number; alt: AltEntry };
}

export interface ColumnCell {
  offset: number;
  /** The instruction starting at this offset, if any. */
  insn?: FormattedInsn;
  /** True when an earlier instruction of this column covers the offset. */
  inside: boolean;
}

export function buildColumns(
  r: SiteResult,
  entries: readonly AltEntry[],
  disassembler: Disassembler,
  syntax: AsmSyntax,
): SiteColumn[] {
  const cols: SiteColumn[] = [
    {
      key: 'original',
      kind: 'original',
      base: r.addr,
      bytes: r.original,
      insns: disassembler.disassemble(r.original, r.addr, syntax),
    },
  ];
  entries.forEach((alt, index) => {
    cols.push({
      key: `entry-${index}`,
      kind: 'entry',
      base: alt.repl,
      bytes: alt.replacement,
      insns: disassembler.disassemble(alt.replacement, alt.repl, syntax),
      entry: { index, alt },
    });
  });
  cols.push({
    key: 'final',
    kind: 'final',
    base: r.addr,
    bytes: r.final,
    insns: disassembler.disassemble(r.final, r.addr, syntax),
  });
  return cols;
}

/** Every instruction start across the columns, ascending. */
export function alignOffsets(cols: readonly SiteColumn[]): number[] {
  const set = new Set<number>();
  for (const c of cols) for (const i of c.insns) set.add(i.offset);
  if (set.size === 0) set.add(0);
  return [...set].sort((a, b) => a - b);
}

export function cellsFor(col: SiteColumn, offsets: readonly number[]): ColumnCell[] {
  const byStart = new Map(col.insns.map((i) => [i.offset, i]));
  return offsets.map((offset) => {
    const insn = byStart.get(offset);
    if (insn) return { offset, insn, inside: false };
    const inside = col.insns.some((i) => i.offset < offset && offset < i.offset + i.length);
    return { offset, inside };
  });
}

/** Where a symbol reference starts in an instruction's text: ` <sym>` or `  # addr <sym>`. */
const REF = /( {2}# .*| <[^>]*>)$/;

/** An instruction's text split into the instruction and its objdump-style reference, if any. */
export function splitRef(text: string): { main: string; ref: string } {
  const m = REF.exec(text);
  return m ? { main: text.slice(0, m.index), ref: m[0] } : { main: text, ref: '' };
}

/** Offsets where some column's instruction carries a reference: those rows get a line more. */
export function offsetsWithRefs(cols: readonly SiteColumn[]): Set<number> {
  const out = new Set<number>();
  for (const c of cols) for (const i of c.insns) if (REF.test(i.text)) out.add(i.offset);
  return out;
}
