import type { PatchLoop, Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import type { ReviewDeps } from '../../core/review';
import { FEATURE_ALWAYS, narrateSite } from '../../core/review';

/** Teaching mode: the site in plain words, in a larger presentation font. */
export function NarrationView({
  site,
  result,
  loop,
  features,
  deps,
}: {
  site: Site;
  result: SiteResult;
  loop: PatchLoop;
  features: ReadonlySet<number>;
  deps: ReviewDeps;
}) {
  const sentences = narrateSite(site, result, new Set([...features, FEATURE_ALWAYS]), loop, deps);
  return (
    <section aria-label="Narration" data-testid="narration" className="teaching">
      {sentences.map((s, i) => (
        <p key={i}>{s}</p>
      ))}
    </section>
  );
}
