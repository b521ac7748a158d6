/**
 * The strict Content-Security-Policy, injected into the production build only.
 *
 * Why only there: the dev server needs an inline script (React Refresh's preamble) and a
 * websocket to itself (HMR); a CSP strict enough for production forbids both, so `npm start`
 * would show a blank page. The built app has neither and keeps the strict policy: no remote
 * origin anywhere, wasm allowed (iced-x86), workers from the page or blob: (the file worker).
 */
import type { Plugin } from 'vite';

/** Directive → sources. Only `'self'`, keywords and local schemes: no remote origin. */
export const PRODUCTION_CSP: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  // Monaco sets inline styles on its elements.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export function formatCsp(policy: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/** Adds `<meta http-equiv="Content-Security-Policy">` as the first tag of `<head>` at build time. */
export function productionCsp(policy = PRODUCTION_CSP): Plugin {
  return {
    name: 'altscope-production-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: formatCsp(policy) },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
