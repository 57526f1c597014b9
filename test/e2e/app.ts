import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { capabilities, createEngineRegistry } from '../../src/app/capabilities.js';
import { loadConfig } from '../../src/app/config.js';
import type { AppContext } from '../../src/app/context.js';
import { createUser } from '../../src/auth/accounts.js';
import { loadAuthConfig } from '../../src/auth/config.js';
import { createServer } from '../../src/server/create-server.js';
import type { HttpApp } from '../../src/server/http-app.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { launchChromium } from './browser.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The real HealthGPT (every capability, a SQLite file on disk) serving the UI built from the current sources. */
export interface E2eApp {
  readonly baseUrl: string;
  readonly store: Store;
  readonly context: BrowserContext;
  readonly workDir: string;
  /** Errors the pages logged that a test did not provoke on purpose. */
  readonly pageErrors: string[];
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** The clinician the browser is signed in as. */
export const E2E_CLINICIAN = { name: 'e2e-workflow-clinician', password: 'correct horse battery staple 42' };

/**
 * Builds the UI into a temp folder, starts the server on a free port with one clinician account, and a headless
 * Chromium signed in as that clinician (the session cookie set by `POST /v1/auth/sign-in`, as the sign-in page
 * does it), with every request outside the server aborted.
 */
export async function startE2eApp(): Promise<E2eApp> {
  const workDir = mkdtempSync(join(tmpdir(), 'healthgpt-e2e-workflow-'));
  const webDir = join(workDir, 'web');
  await build({
    configFile: join(repoRoot, 'web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDir, emptyOutDir: true },
  });
  const store = openSqliteStore(join(workDir, 'healthgpt.db'));
  const appContext: AppContext = {
    config: loadConfig({}, { dataDir: workDir, port: 0 }),
    store,
    engines: createEngineRegistry(capabilities),
  };
  await createUser(
    store,
    { ...E2E_CLINICIAN, role: 'clinician' },
    { scrypt: { N: 2 ** 14, r: 8, p: 1, keyLength: 32, saltLength: 16 } },
  );
  const app: HttpApp = await createServer(appContext, capabilities, {
    webDir,
    auth: { config: { ...loadAuthConfig({}), rateLimitPerMinute: 100_000 }, setupLink: false },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await launchChromium();
  const context = browser.context;
  context.setDefaultTimeout(15_000);
  await context.route(
    (url) => url.origin !== baseUrl,
    (route) => route.abort(),
  );
  const signedIn = await context.request.post(`${baseUrl}/v1/auth/sign-in`, { data: E2E_CLINICIAN });
  if (!signedIn.ok()) throw new Error(`sign-in failed: HTTP ${signedIn.status()} ${await signedIn.text()}`);
  const pageErrors: string[] = [];
  return {
    baseUrl,
    store,
    context,
    workDir,
    pageErrors,
    async openPage(path: string) {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        // Refusals (400, 422) are answers these tests provoke; Chromium logs every 4xx response as an error.
        const provoked = /Failed to load resource: .* status of 4\d\d/.test(message.text());
        if (message.type() === 'error' && !provoked) pageErrors.push(message.text());
      });
      await page.goto(`${baseUrl}${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
      store.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
