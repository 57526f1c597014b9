import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web UI: built into web/dist and served by the HealthGPT server; no CDN, works offline. */
export default defineConfig({
  root: 'web',
  base: '/ui/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080', '/cds-services': 'http://127.0.0.1:8080' } },
});
