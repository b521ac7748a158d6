import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { icedX86Browser } from './src/disasm/vitePluginIced';

// Everything is bundled locally: the app must work offline and under a CSP with no remote origin.
export default defineConfig({
  plugins: [icedX86Browser(), react()],
  optimizeDeps: { exclude: ['iced-x86'] },
  worker: { format: 'es', plugins: () => [icedX86Browser()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
});
