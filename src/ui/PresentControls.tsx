import { setPresenting, usePresenting, embedHref } from './presentation';

/** The toolbar's presentation toggle and the link to the read-only embed of this view. */
export function PresentControls() {
  const presenting = usePresenting();
  return (
    <>
      <button
        type="button"
        aria-pressed={presenting}
        data-testid="present-toggle"
        title="Large columns, explanation and narration for a projector; the editor collapses"
        onClick={() => setPresenting(!presenting)}
      >
        {presenting ? 'Exit presentation' : 'Present'}
      </button>
      <a
        className="small"
        data-testid="embed-link"
        href={embedHref()}
        target="_blank"
        rel="noreferrer"
        onFocus={(e) => (e.currentTarget.href = embedHref())}
        onMouseEnter={(e) => (e.currentTarget.href = embedHref())}
        title="The read-only embed of this link (docs/embed.md)"
      >
        Embed view
      </a>
    </>
  );
}
