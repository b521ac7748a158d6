import { useMemo, useState } from 'react';
import type { PatchReport, SiteResult } from '../../core/patch/report';
import { formatReportText } from '../../core/review/reportText';
import { selectSitesToCopy, type SitesToCopy } from '../../state/copySites';
import { useAppState } from '../../state/hooks';
import { recordMeasure } from '../../state/perfMarks';
import { selectDisassembler } from '../../state/selectors';

const sites = (n: number, what = 'site') => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * "Copy N sites as text": the report `altscope patch <input> --sites …` prints for the sites
 * marked for the link, or else for the listed ones, to paste into a mail.
 */
export function CopySitesText({
  report,
  rows,
}: {
  report: PatchReport;
  rows: readonly SiteResult[];
}) {
  const shared = useAppState((s) => s.shared);
  const table = useAppState((s) => s.table);
  const disassembler = useAppState(selectDisassembler);
  const syntax = useAppState((s) => s.syntax);
  const choice = useMemo(() => selectSitesToCopy(report, rows, shared), [report, rows, shared]);
  // A message about an earlier choice would mislead once the marks or filters change.
  const [status, setStatus] = useState<{ for: SitesToCopy; text: string } | null>(null);
  const copy = async () => {
    if (!table || !disassembler) return;
    const started = performance.now();
    const text = formatReportText(report, choice.positions, table, disassembler, { syntax });
    const n = choice.positions.length;
    recordMeasure('copy-sites', started, performance.now(), { sites: n });
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ for: choice, text: `Copied ${sites(n)} as text.` });
    } catch {
      setStatus({ for: choice, text: 'The clipboard is not available.' });
    }
  };
  return (
    <div className="sites-copy">
      {/* Before the button: a message appearing must not move it. */}
      <span role="status" className="muted small" data-testid="copy-sites-status">
        {status?.for === choice ? status.text : ''}
      </span>
      <button
        type="button"
        data-testid="copy-sites-text"
        disabled={choice.positions.length === 0 || !disassembler}
        title={`The report altscope patch --sites prints, for the ${
          choice.from === 'link' ? 'sites marked for the link' : 'sites listed'
        }`}
        onClick={() => void copy()}
      >
        Copy {sites(choice.positions.length, choice.from === 'link' ? 'marked site' : 'site')} as
        text
      </button>
    </div>
  );
}
