import './embed.css';
import { useAppState, useReport } from '../../state/hooks';
import { findSite, selectEffectiveFeatures, selectKernel, selectLoop } from '../../state/selectors';
import { hexAddr } from '../format';
import { buildAppLink } from './embedRoute';
import { EmbedSiteView } from './EmbedSiteView';
import { useBootStart } from '../load/useBootPasses';

/** The read-only embed of one site: the link's selected site (else the first), compact. */
export function EmbedApp() {
  const report = useReport(useBootStart());
  const table = useAppState((s) => s.table);
  const selected = useAppState((s) => s.site);
  const origin = useAppState((s) => s.origin);
  const notice = useAppState((s) => s.notice);
  const disasmError = useAppState((s) => s.disasmError);
  const kernel = useAppState(selectKernel);
  const loop = useAppState(selectLoop);
  const features = useAppState(selectEffectiveFeatures);
  const openLink = (
    <a
      className="embed-open"
      href={buildAppLink(location.href)}
      target="_blank"
      rel="noopener"
      data-testid="embed-open"
    >
      open in altscope ↗
    </a>
  );
  const body = () => {
    // A link that did not decode shows only why: never the default scenario in its place.
    if (notice?.kind === 'error' && origin !== 'link') return null;
    if (disasmError) return <p className="error">The disassembler failed to load: {disasmError}</p>;
    if (!table) return <p className="muted">The linked scenario has no sites.</p>;
    if (!report)
      return (
        <p className="muted" aria-live="polite">
          Loading the x86 decoder…
        </p>
      );
    const result = report.sites.find((r) => hexAddr(r.addr) === selected) ?? report.sites[0];
    const site = result ? findSite(table, result.addr) : undefined;
    if (!result || !site) return <p className="muted">The linked scenario has no sites.</p>;
    return (
      <EmbedSiteView site={site} result={result} kernel={kernel} loop={loop} features={features} />
    );
  };
  return (
    <main className="embed" aria-label="altscope embed" data-testid="embed">
      {notice?.kind === 'error' && (
        <p className="diag diag-error" role="alert" data-testid="embed-error">
          {notice.text}
        </p>
      )}
      {body()}
      <footer className="embed-foot">{openLink}</footer>
    </main>
  );
}
