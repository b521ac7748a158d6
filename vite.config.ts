import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { icedX86Browser } from './src/disasm/vitePluginIced.ts';
import { productionCsp } from './src/ui/vitePluginCsp.ts';

// Everything is bundled locally: the app must work offline and under a CSP with no remote origin
// (injected into the build only: the dev server needs React Refresh's inline preamble and HMR).
export default defineConfig({
  plugins: [icedX86Browser(), react(), productionCsp()],
  optimizeDeps: { exclude: ['iced-x86'] },
  worker: { format: 'es', plugins: () => [icedX86Browser()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
});
