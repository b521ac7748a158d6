import { useState } from 'react';
import type { KernelVersion, Site } from '../../core/model';
import type { SiteResult } from '../../core/patch/report';
import type { Disassembler } from '../../core/ports';
import { formatSiteLines } from '../../core/review/siteText';
import { useAppState } from '../../state/hooks';

/** The site as `altscope patch` prints it: bytes, disassembly and verdicts, for a mail. */
export function siteAsText(
  result: SiteResult,
  site: Site,
  kernel: KernelVersion,
  disassembler: Disassembler,
  syntax: 'att' | 'intel',
): string {
  return formatSiteLines(result, 0, { sites: [site] }, { kernel }, disassembler, { syntax }).join(
    '\n',
  );
}

/** "Copy as text": the CLI's report form of this site, to paste into a mail. */
export function CopySiteText(props: {
  result: SiteResult;
  site: Site;
  kernel: KernelVersion;
  disassembler: Disassembler;
}) {
  const syntax = useAppState((s) => s.syntax);
  const [status, setStatus] = useState('');
  const copy = async () => {
    const text = siteAsText(props.result, props.site, props.kernel, props.disassembler, syntax);
    try {
      await navigator.clipboard.writeText(`${text}\n`);
      setStatus('Copied as text.');
    } catch {
      setStatus('The clipboard is not available.');
    }
  };
  return (
    <div className="site-copy">
      <button type="button" data-testid="copy-site-text" onClick={() => void copy()}>
        Copy as text
      </button>
      <span role="status" className="muted">
        {status}
      </span>
    </div>
  );
}
