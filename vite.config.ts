import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { icedX86Browser } from './src/disasm/vitePluginIced.ts';
import { readPublicUrl } from './src/permalink/publicUrl.ts';
import { productionCsp } from './src/ui/vitePluginCsp.ts';

// Where the build will be published (ALTSCOPE_PUBLIC_URL=https://host/path/ npm run build):
// "Copy link" points there instead of at whatever server the sender runs. Unset: the page's own
// address. A malformed value stops the build rather than hand out dead links.
const publicUrl = readPublicUrl(process.env['ALTSCOPE_PUBLIC_URL']);
if (!publicUrl.ok) throw new Error(publicUrl.message);

// Everything is bundled locally: the app must work offline and under a CSP with no remote origin
// (injected into the build only: the dev server needs React Refresh's inline preamble and HMR).
// `base: './'`: asset URLs are relative, so `dist/` works from any folder of any static host.
export default defineConfig({
  base: './',
  plugins: [icedX86Browser(), react(), productionCsp()],
  define: { 'import.meta.env.ALTSCOPE_PUBLIC_URL': JSON.stringify(publicUrl.url) },
  optimizeDeps: { exclude: ['iced-x86'] },
  worker: { format: 'es', plugins: () => [icedX86Browser()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // The kernel worker is bundled inside vite:worker's load hook, so its whole build counts as
    // "plugin time": Rolldown's timing warning then fires on a loaded machine and says only that.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { host: '127.0.0.1' },
});
