import type { Site } from '../../core/model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../../core/model';
import { useActions } from '../../state/hooks';
import { hexAddr, hexBytes } from '../format';

const flagNames = (flags: number): string =>
  [flags & ALT_FLAG_NOT ? 'NOT' : '', flags & ALT_FLAG_DIRECT_CALL ? 'DIRECT_CALL' : '']
    .filter(Boolean)
    .join('|') || '0';

const LAYOUT_TEXT = {
  nested:
    'nested (6.10+): each level wraps the previous one, pads it with 0x90 up to its own replacement and emits one alt_instr whose instrlen is the length so far',
  flat: 'flat (6.1): one padding up to the longest replacement, every alt_instr with the same instrlen',
} as const;

/** What the macro statement became: old bytes, padding per level, each alt_instr, the replacements. */
export function MacroExpansionView({ site }: { site: Site }) {
  const actions = useActions();
  const x = site.expansion;
  if (!x) return null;
  let start = x.old.length;
  return (
    <section
      className="macro-expansion explain-block"
      data-testid="macro-expansion"
      aria-label="Macro expansion"
    >
      <h3>
        {x.macro} <span className="muted">— {LAYOUT_TEXT[x.layout]}</span>
      </h3>
      <div className="macro-strip mono" aria-label="Site bytes by origin">
        <span className="macro-old" title="the original instructions">
          {x.old.length ? hexBytes(x.old) : '∅'}
        </span>
        {x.levels.map((l, i) => {
          const from = start;
          start += l.padding;
          return l.padding ? (
            <span
              key={i}
              className={`macro-pad macro-pad-${i % 3}`}
              title={`padding added by level ${i + 1}`}
            >
              {hexBytes(site.original, from, from + l.padding)}
            </span>
          ) : null;
        })}
      </div>
      <table className="macro-levels">
        <thead>
          <tr>
            <th scope="col">.altinstructions</th>
            <th scope="col">feature</th>
            <th scope="col">flags</th>
            <th scope="col">replacement</th>
            <th scope="col">padding</th>
            <th scope="col">instrlen</th>
            <th scope="col">replacementlen</th>
            <th scope="col">.altinstr_replacement</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">old</th>
            <td colSpan={2} />
            <td className="mono">{x.oldText || '(empty)'}</td>
            <td />
            <td>{x.old.length}</td>
            <td />
            <td className="mono">{hexBytes(x.old)}</td>
          </tr>
          {x.levels.map((l, i) => (
            <tr key={i} data-testid="macro-level">
              <th scope="row">alt_instr {i}</th>
              <td className="mono">{l.feature}</td>
              <td>{flagNames(l.flags)}</td>
              <td className="mono">{l.text || '(empty)'}</td>
              <td>{l.padding ? `+${l.padding} × 90` : '—'}</td>
              <td>{l.instrlen}</td>
              <td>{l.replacement.length}</td>
              <td className="mono">
                {hexAddr(l.repl)}: {hexBytes(l.replacement) || '∅'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => actions.showSiteAsBytes(site.addr)}
        data-testid="show-as-bytes"
      >
        Show as bytes
      </button>
    </section>
  );
}
