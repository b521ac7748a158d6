import type { Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import { buildByteRuler } from '../../core/review';

/** Under the site: code and each level's padding, per-entry lengths and fix-ups, merged NOP runs. */
export function ByteRulerView({ site, result }: { site: Site; result: SiteResult }) {
  const r = buildByteRuler(site, result);
  const pct = (n: number) => `${(100 * n) / Math.max(1, r.len)}%`;
  return (
    <section aria-label="Byte ruler" data-testid="byte-ruler" className="byte-ruler">
      <div className="ruler-bar">
        {r.segments.map((s, i) => (
          <span
            key={i}
            className={`ruler-seg ruler-${s.kind}`}
            style={{ left: pct(s.start), width: pct(s.end - s.start) }}
            title={
              s.kind === 'code'
                ? `code [0:${s.end})`
                : `padding by entry #${s.entry} [${s.start}:${s.end})`
            }
          />
        ))}
      </div>
      <ul className="mono">
        <li>
          site length {r.len} (longest instrlen); compiled code {r.codeLen}
        </li>
        {r.segments
          .filter((s) => s.kind === 'padding')
          .map((s) => (
            <li key={s.start}>
              entry #{s.entry} padding [{s.start}:{s.end})
            </li>
          ))}
        {r.entries.map((e) => (
          <li key={e.entry}>
            entry #{e.entry}: instrlen {e.instrlen}, replacementlen {e.replacementlen}
            {e.fixup > 0 ? `, +${e.fixup} by the longest-instrlen fix-up` : ''}
            {e.overflow > 0 ? `, ${e.overflow} bytes past the site end` : ''}
          </li>
        ))}
        {r.nopRuns.map((n) => (
          <li key={n.start}>
            NOP run merged [{n.start}:{n.end})
          </li>
        ))}
      </ul>
    </section>
  );
}
