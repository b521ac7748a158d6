import { useState } from 'react';
import { parseFeatureText } from '../../core/features';
import type { FeatureTextProblem } from '../../core/features';
import type { KernelVersion } from '../../core/model';
import { useActions } from '../../state/hooks';

/**
 * Paste or open a CPU's features: `/proc/cpuinfo`, or a feature list as the captures write it
 * (`10*32+0` per line, or names). Sets exactly those features; says what it could not read.
 */
export function FeatureTextPanel({
  kernel,
  onClose,
}: {
  kernel: KernelVersion;
  onClose: () => void;
}) {
  const actions = useActions();
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<FeatureTextProblem[]>([]);

  const apply = (input: string, source: string) => {
    const r = parseFeatureText(input, kernel);
    setProblems(r.problems);
    if (r.indices.length === 0 && r.problems.length > 0) {
      setMessage(`Nothing set: ${source} has no feature ${kernel} knows.`);
      return;
    }
    actions.setFeaturesExactly(r.indices);
    const from = r.form === 'cpuinfo' ? '/proc/cpuinfo' : 'a feature list';
    setMessage(
      `${r.indices.length} features set from ${from} (${source})` +
        (r.problems.length ? `; ${r.problems.length} not read:` : '.'),
    );
  };

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const body = await file.text();
    setText(body);
    apply(body, file.name);
  };

  return (
    <div className="cpuinfo" data-testid="feature-text-panel">
      <label htmlFor="feature-text">
        Paste /proc/cpuinfo or a feature list (10*32+0 or names, one per line)
      </label>
      <textarea
        id="feature-text"
        rows={4}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="button" onClick={() => apply(text, 'pasted')}>
        Apply features
      </button>{' '}
      <label className="inline small">
        or open a file
        <input
          type="file"
          accept=".txt,text/plain"
          data-testid="feature-file-input"
          aria-label="Open a feature list or cpuinfo file"
          onChange={(e) => {
            void openFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>{' '}
      <button type="button" onClick={onClose}>
        Close
      </button>
      <p role="status" data-testid="feature-text-status">
        {message}
      </p>
      {problems.length > 0 && (
        <ul
          className="diag-list"
          aria-label="Features not read"
          data-testid="feature-text-problems"
        >
          {problems.map((p, i) => (
            <li key={i} className="diag diag-warning">
              {p.line}:{p.column} {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
