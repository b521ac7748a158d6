/** The embed route: `?embed` in the query, the state in the permalink fragment as usual. */

/** True when the page was opened as the read-only embeddable view. */
export function isEmbedUrl(search: string): boolean {
  return new URLSearchParams(search).has('embed');
}

/** The full app's address for the same link: `embed` dropped from the query, fragment kept. */
export function buildAppLink(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('embed');
  return url.toString();
}
