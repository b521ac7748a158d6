import { useState } from 'react';
import { KERNEL_VERSIONS, PATCH_LOOPS } from '../core/model';
import type { KernelVersion, PatchLoop } from '../core/model';
import { buildLink } from '../permalink';
import { useActions, useAppState, useStoreApi } from '../state/hooks';
import { selectKernel, selectLoop } from '../state/selectors';
import { captureShareState } from '../state/share';
import { selectLinkedSites } from '../state/sharedSites';
import type { ThemeChoice } from '../state/store';
import { ExamplesMenu } from './ExamplesMenu';
import { FileInput } from './FileInput';
import { linkBase } from './linkBase';
import { PresentControls } from './PresentControls';

/** Profile, loop, syntax, theme, examples, file, and the share button. */
export function Toolbar() {
  const actions = useActions();
  const store = useStoreApi();
  const kernel = useAppState(selectKernel);
  const loop = useAppState(selectLoop);
  const syntax = useAppState((s) => s.syntax);
  const theme = useAppState((s) => s.theme);
  const [copied, setCopied] = useState('');
  const sharing = useAppState((s) => s.shared.length);
  const linked = useAppState((s) => selectLinkedSites(s).length);

  const copyLink = async () => {
    const built = buildLink(linkBase(), captureShareState(store.getState()));
    if (!built.ok) {
      // Too large for a link that every altscope would open: say so rather than hand out a dud.
      setCopied(`No link: ${built.error.message}.`);
      return;
    }
    const url = built.url;
    history.replaceState(null, '', url.slice(url.indexOf('#')));
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied to the clipboard.');
    } catch {
      setCopied('The link is in the address bar (the clipboard was not available).');
    }
  };

  return (
    <header className="toolbar">
      <h1 className="brand">altscope</h1>
      <ExamplesMenu />
      <FileInput />
      <label className="inline">
        Profile{' '}
        <select
          aria-label="Kernel profile"
          value={kernel}
          onChange={(e) => actions.setKernel(e.target.value as KernelVersion)}
        >
          {KERNEL_VERSIONS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        Patch loop{' '}
        <select
          aria-label="Patch loop"
          value={loop}
          onChange={(e) => actions.setLoop(e.target.value as PatchLoop)}
        >
          {PATCH_LOOPS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="segmented" aria-label="Assembly syntax">
        <legend className="sr-only">Assembly syntax</legend>
        {(['att', 'intel'] as const).map((s) => (
          <label key={s}>
            <input
              type="radio"
              name="syntax"
              value={s}
              checked={syntax === s}
              onChange={() => actions.setSyntax(s)}
            />
            {s === 'att' ? 'AT&T' : 'Intel'}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        Theme{' '}
        <select
          aria-label="Theme"
          value={theme}
          onChange={(e) => actions.setTheme(e.target.value as ThemeChoice)}
        >
          <option value="system">system</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </label>
      <button type="button" data-testid="copy-link" onClick={() => void copyLink()}>
        Copy link
      </button>
      {sharing > 0 && (
        <span className="small" data-testid="link-site-count">
          {linked} site{linked === 1 ? '' : 's'} in link{' '}
          <button
            type="button"
            className="small"
            aria-label="Clear the sites selected for the link"
            onClick={() => actions.clearSharedSites()}
          >
            ×
          </button>
        </span>
      )}
      <PresentControls />
      <span role="status" className="muted small">
        {copied}
      </span>
    </header>
  );
}
