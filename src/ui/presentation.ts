/**
 * Presentation mode (`?present` in the URL, so a projector link opens in it): the editor and
 * the site list collapse, the selected site's columns, its explanation and the narration fill
 * the screen with large instructions. A view choice only: nothing computed changes.
 */
import { useSyncExternalStore } from 'react';

const EVENT = 'altscope-present';

const read = (): boolean => new URLSearchParams(location.search).has('present');

export function setPresenting(on: boolean): void {
  const url = new URL(location.href);
  if (on) url.searchParams.set('present', '');
  else url.searchParams.delete('present');
  history.replaceState(null, '', url.toString().replace('present=', 'present'));
  dispatchEvent(new Event(EVENT));
}

export function usePresenting(): boolean {
  return useSyncExternalStore(
    (notify) => {
      addEventListener(EVENT, notify);
      addEventListener('popstate', notify);
      return () => {
        removeEventListener(EVENT, notify);
        removeEventListener('popstate', notify);
      };
    },
    read,
    () => false,
  );
}

/** `?embed` plus the current fragment: the read-only view of what is on screen. */
export const embedHref = (): string => `${location.pathname}?embed${location.hash}`;
