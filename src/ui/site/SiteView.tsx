import { useMemo } from 'react';
import type { AltEntry, KernelVersion, Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import { useAppState } from '../../state/hooks';
import { selectDisassembler, selectKernel, selectLoop } from '../../state/selectors';
import { hexAddr } from '../format';
import { alignOffsets, buildColumns, cellsFor, offsetsWithRefs } from './columns';
import { entryName, verdictLabel } from './entryName';
import { SiteColumnView } from './SiteColumnView';
import { SiteExplanations } from './SiteExplanations';
import { MacroExpansionView } from './MacroExpansionView';
import { CopySiteText } from './CopySiteText';

type Note = { text: string; tone: 'info' | 'warn' | 'error' };

/** The selected site side by side: Original | each entry's replacement | Final. */
export function SiteView({ result, site }: { result: SiteResult; site: Site }) {
  const disassembler = useAppState(selectDisassembler);
  const syntax = useAppState((s) => s.syntax);
  const kernel = useAppState(selectKernel);
  const loop = useAppState(selectLoop);
  const columns = useMemo(
    () => (disassembler ? buildColumns(result, site.entries, disassembler, syntax) : null),
    [disassembler, result, site, syntax],
  );
  const finalNotes = useMemo(() => collectFinalNotes(result), [result]);
  if (!columns) return <p className="muted">Loading the disassembler…</p>;
  const offsets = alignOffsets(columns);
  const tall = offsetsWithRefs(columns);
  const winner = result.selected === null ? undefined : site.entries[result.selected];
  const nopAt = (o: number) => result.nopRuns.some((n) => o >= n.start && o < n.end);
  const finalShade = (o: number) =>
    nopAt(o) ? 'nop' : winner && o >= winner.replacementlen && o < result.len ? 'pad' : null;

  return (
    <article className="site-view" aria-label={`Site ${hexAddr(result.addr)}`}>
      <h2 className="site-title">
        <span className="mono">{hexAddr(result.addr)}</span> {result.symbol ?? ''}
        <span className="muted">
          {' '}
          · {result.len} bytes · {site.entries.length}{' '}
          {site.entries.length === 1 ? 'entry' : 'entries'} · {kernel} {loop}
        </span>
      </h2>
      {disassembler && (
        <CopySiteText result={result} site={site} kernel={kernel} disassembler={disassembler} />
      )}
      <div
        className="site-cols"
        role="group"
        tabIndex={0}
        aria-label="Original, replacements and final bytes"
      >
        {columns.map((col) => {
          const cells = cellsFor(col, offsets);
          if (col.kind === 'original') {
            return (
              <SiteColumnView
                key={col.key}
                column={col}
                cells={cells}
                title="Original"
                testId="original-column"
                tall={tall}
              />
            );
          }
          if (col.kind === 'final') {
            return (
              <SiteColumnView
                key={col.key}
                column={col}
                cells={cells}
                title="Final"
                notes={finalNotes}
                shaded={finalShade}
                testId="final-column"
                tall={tall}
              />
            );
          }
          const i = col.entry?.index ?? 0;
          const verdict = result.verdicts[i];
          return (
            <SiteColumnView
              key={col.key}
              column={col}
              cells={cells}
              highlight={verdict?.selected ? 'winner' : 'loser'}
              testId="entry-column"
              tall={tall}
              title={
                <EntryTitle alt={site.entries[i]} index={i} kernel={kernel} verdict={verdict} />
              }
            />
          );
        })}
      </div>
      <MacroExpansionView site={site} />
      <SiteExplanations result={result} site={site} />
    </article>
  );
}

function EntryTitle(props: {
  alt: AltEntry | undefined;
  index: number;
  kernel: KernelVersion;
  verdict: SiteResult['verdicts'][number] | undefined;
}) {
  const { alt, index, kernel, verdict } = props;
  if (!alt) return <>entry {index}</>;
  return (
    <>
      <span className="entry-name">{entryName(alt, index, kernel)}</span>
      <span className="muted">
        {' '}
        instrlen {alt.instrlen}, replacementlen {alt.replacementlen}
      </span>
      <span
        className={`verdict ${verdict?.selected ? 'verdict-win' : 'verdict-lose'}`}
        title={verdict?.reason}
      >
        {verdictLabel(verdict)}
      </span>
    </>
  );
}

function collectFinalNotes(r: SiteResult): Map<number, Note[]> {
  const notes = new Map<number, Note[]>();
  const add = (offset: number, n: Note) => notes.set(offset, [...(notes.get(offset) ?? []), n]);
  for (const rel of r.relocations)
    add(rel.offset, {
      text: rel.kind === 'branch' ? 'relocated branch' : 'relocated RIP-rel',
      tone: 'info',
    });
  if (r.directCall)
    add(0, { text: r.directCall.becameNops ? 'DIRECT_CALL → NOPs' : 'DIRECT_CALL', tone: 'info' });
  for (const d of r.diagnostics)
    add(d.offset ?? 0, {
      text: d.severity === 'error' ? `⚠ ${d.code}` : d.code,
      tone: d.severity === 'error' ? 'error' : 'warn',
    });
  return notes;
}
