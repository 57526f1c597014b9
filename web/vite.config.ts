import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The server the dev server forwards API calls to (`HEALTHGPT_DEV_API`, default the `npm start` address). */
const apiTarget = process.env.HEALTHGPT_DEV_API ?? 'http://127.0.0.1:8080';

/**
 * The web UI: built into `web/dist` (`npx vite build --config web/vite.config.ts`) and served by the HealthGPT
 * server under `/ui/`. No CDN assets, so it works offline. `root` is absolute so the build works from any folder
 * (the e2e test builds through Vite's JS API).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(
      ['/v1', '/healthz', '/cds-services', '/openapi.json', '/docs'].map((prefix) => [prefix, apiTarget]),
    ),
  },
});
