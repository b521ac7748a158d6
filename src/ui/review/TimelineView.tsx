import { useEffect, useMemo, useState } from 'react';
import type { PatchLoop, Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import type { ReviewDeps } from '../../core/review';
import { buildTimeline, toHex } from '../../core/review';

/** The chosen loop's steps at one site: step with ←/→ or the buttons, scrub with the slider, play. */
export function TimelineView({
  site,
  result,
  loop,
  deps,
}: {
  site: Site;
  result: SiteResult;
  loop: PatchLoop;
  deps: ReviewDeps;
}) {
  const timeline = useMemo(
    () => buildTimeline(site, result, loop, deps),
    [site, result, loop, deps],
  );
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const last = timeline.steps.length - 1;
  const index = Math.min(at, last);
  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => setAt(index + 1), 900);
    return () => clearTimeout(t);
  }, [playing, index, last]);
  const step = timeline.steps[index];
  if (!step) return <p className="muted">No steps.</p>;
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowRight') setAt(Math.min(last, index + 1));
    else if (e.key === 'ArrowLeft') setAt(Math.max(0, index - 1));
    else if (e.key === 'Home') setAt(0);
    else if (e.key === 'End') setAt(last);
    else if (e.key === ' ') setPlaying((p) => !p);
    else return;
    e.preventDefault();
  };
  const flagged = timeline.flagged.includes(index);
  return (
    <section aria-label="Timeline" data-testid="timeline" tabIndex={0} onKeyDown={onKey}>
      <div className="timeline-controls">
        <button
          type="button"
          onClick={() => setAt(Math.max(0, index - 1))}
          aria-label="Previous step"
        >
          ◀
        </button>
        <button type="button" onClick={() => setPlaying((p) => !p)} data-testid="timeline-play">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          onClick={() => setAt(Math.min(last, index + 1))}
          aria-label="Next step"
          data-testid="timeline-next"
        >
          ▶
        </button>
        <input
          type="range"
          min={0}
          max={last}
          value={index}
          aria-label="Scrub steps"
          data-testid="timeline-scrub"
          onChange={(e) => setAt(Number(e.target.value))}
        />
        <span data-testid="timeline-position">
          step {index + 1} of {timeline.steps.length}
        </span>
      </div>
      <h4 data-testid="timeline-title">
        {step.title}
        {flagged ? ' ⚑' : ''}
      </h4>
      <p data-testid="timeline-explanation">{step.explanation}</p>
      {step.after && (
        <div className="mono" data-testid="timeline-bytes">
          {step.before && <div>before: {toHex(step.before) || '(empty)'}</div>}
          <div>
            after
            {step.at !== undefined && step.at !== site.addr
              ? ` (at the replacement address 0x${step.at.toString(16)}, before relocation)`
              : ''}
            : {toHex(step.after) || '(empty)'}
          </div>
          <ul>
            {(step.afterInsns ?? []).map((i) => (
              <li key={i.offset}>
                +{i.offset}: {i.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {flagged && (
        <p className="diag diag-warning" data-testid="timeline-flag">
          {step.boundariesDiffer ? 'Instruction boundaries differ from the final state. ' : ''}
          {step.resumeHazards && step.resumeHazards.length > 0
            ? `A CPU stopped at an old instruction boundary (+${step.resumeHazards.join(', +')}) would resume inside a new instruction.`
            : ''}
        </p>
      )}
      {step.torn && step.torn.length > 0 && (
        <p className="muted small" data-testid="timeline-torn">
          {step.torn.length} byte-by-byte state(s) exist during this write; none is observable,
          because text_poke_early() copies with interrupts off.
        </p>
      )}
    </section>
  );
}
