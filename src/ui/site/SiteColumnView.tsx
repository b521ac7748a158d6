import type { ReactNode } from 'react';
import { hexAddr, hexBytes } from '../format';
import { splitRef, type ColumnCell, type SiteColumn } from './columns';

interface Props {
  column: SiteColumn;
  cells: ColumnCell[];
  title: ReactNode;
  /** Notes per offset (relocations, NOP runs, padding, diagnostics). */
  notes?: ReadonlyMap<number, { text: string; tone: 'info' | 'warn' | 'error' }[]>;
  /** Offsets inside optimised NOP runs or padding. */
  shaded?: (offset: number) => 'nop' | 'pad' | null;
  highlight?: 'winner' | 'loser' | null;
  testId?: string;
  /** Offsets whose row holds a symbol reference (`<BUG_func>`) on an extra line. */
  tall?: ReadonlySet<number>;
}

/** One column of the site view: a header, then one line per aligned offset. */
export function SiteColumnView(props: Props) {
  const { column, cells, title, notes, shaded, highlight, testId, tall } = props;
  return (
    <section
      className={`site-col site-col-${column.kind}${highlight ? ` site-col-${highlight}` : ''}`}
      data-testid={testId}
      aria-label={typeof title === 'string' ? title : undefined}
      // One grid row per header and offset, shared by every column (CSS subgrid): a row grows
      // to its tallest cell (a tag, a long verdict) and the columns stay aligned.
      style={{ gridRow: `span ${cells.length + 1}` }}
    >
      <header className="site-col-head">{title}</header>
      <ol className="insn-list">
        {cells.map((c) => {
          const shade = shaded?.(c.offset) ?? null;
          const cellNotes = notes?.get(c.offset) ?? [];
          return (
            <li
              key={c.offset}
              className={`insn-row${shade ? ` insn-${shade}` : ''}${tall?.has(c.offset) ? ' insn-tall' : ''}`}
            >
              {c.insn ? (
                <>
                  <span className="insn-addr">
                    {hexAddr(column.base + BigInt(c.offset)).slice(2)}
                  </span>
                  <span className="insn-hex">
                    {hexBytes(column.bytes, c.offset, c.offset + c.insn.length)}
                  </span>
                  <InsnText text={c.insn.text} ok={c.insn.ok} />
                </>
              ) : (
                <span className="insn-cont" aria-hidden="true">
                  {c.inside ? '⋮' : ''}
                </span>
              )}
              {shade === 'nop' && <span className="tag tag-info">NOP run</span>}
              {shade === 'pad' && <span className="tag tag-info">padding</span>}
              {cellNotes.map((n, i) => (
                <span key={i} className={`tag tag-${n.tone}`}>
                  {n.text}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The instruction, with its symbol reference (if any) on a line of its own. */
function InsnText({ text, ok }: { text: string; ok: boolean }) {
  const { main, ref } = splitRef(text);
  return (
    <span className={`insn-text${ok ? '' : ' insn-bad'}`} title={text}>
      {main}
      {ref && <span className="insn-ref">{ref}</span>}
    </span>
  );
}
