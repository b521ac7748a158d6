import { memo, useState } from 'react';

/** Names shown before "… and N more": a kernel's ALWAYS decides thousands of sites. */
const NAMES_SHOWN = 3;
/** Even expanded, a bounded list: the count already says how many there are. */
const NAMES_EXPANDED = 200;

export interface FeatureToggleRowProps {
  index: number;
  name: string;
  comment: string;
  indexLabel: string;
  on: boolean;
  /** ALWAYS: shown locked on. */
  always: boolean;
  /** The sites whose entries name this feature (stable identity per table). */
  sites: readonly string[];
  onToggle: (index: number, enabled: boolean) => void;
}

/**
 * One referenced feature. Memoized on its props so a toggle re-renders only the row that
 * changed, not every row with its site names.
 */
export const FeatureToggleRow = memo(function FeatureToggleRow(props: FeatureToggleRowProps) {
  const { index, name, comment, indexLabel, on, always, sites, onToggle } = props;
  return (
    <li className={`feature-toggle${on ? ' on' : ''}`}>
      <label title={comment}>
        <input
          type="checkbox"
          data-testid="feature-toggle"
          aria-label={name}
          checked={on}
          disabled={always}
          onChange={(e) => onToggle(index, e.target.checked)}
        />
        <span className="feature-name">{name}</span>
        {always && <span className="tag tag-info">locked on</span>}
        <span className="muted mono small"> {indexLabel}</span>
      </label>
      <DecidedSites sites={sites} />
    </li>
  );
});

/** "decides 3 sites: a, b, c" or "decides 6,186 sites: a, b, c … (show more)". */
function DecidedSites({ sites }: { sites: readonly string[] }) {
  const [expanded, setExpanded] = useState(false);
  const limit = expanded ? NAMES_EXPANDED : NAMES_SHOWN;
  const shown = sites.slice(0, limit);
  const hidden = sites.length - shown.length;
  const count = groupThousands(sites.length);
  return (
    <span className="muted small feature-sites" data-testid="feature-sites">
      decides {sites.length === 1 ? '1 site' : `${count} sites`}: {shown.join(', ')}
      {hidden > 0 && ` … and ${groupThousands(hidden)} more`}
      {sites.length > NAMES_SHOWN && (
        <>
          {' '}
          <button
            type="button"
            className="small"
            aria-expanded={expanded}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'show fewer' : 'show more'}
          </button>
        </>
      )}
    </span>
  );
}

/** 6186 → "6,186" (toLocaleString builds an Intl formatter per call: slow on every render). */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
