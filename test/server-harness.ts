import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineRegistry } from '../src/app/capabilities.js';
import type { Capability } from '../src/app/capability.js';
import { loadConfig } from '../src/app/config.js';
import type { AppContext } from '../src/app/context.js';
import { createServer } from '../src/server/create-server.js';
import type { HttpApp } from '../src/server/http-app.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

export interface RunningServer {
  readonly app: HttpApp;
  readonly context: AppContext;
  readonly baseUrl: string;
  readonly dbPath: string;
  close(): Promise<void>;
}

/** A real HealthGPT server on 127.0.0.1 and a free port, with a real SQLite file in a temp folder. */
export async function startTestServer(
  capabilities: readonly Capability[],
  configOverrides: Parameters<typeof loadConfig>[1] = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'healthgpt-test-'));
  const dbPath = join(dataDir, 'healthgpt.db');
  const config = loadConfig({}, { dataDir, port: 0, ...configOverrides });
  const context: AppContext = {
    config,
    store: openSqliteStore(dbPath),
    engines: createEngineRegistry(capabilities),
  };
  const app = await createServer(context, capabilities);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    context,
    dbPath,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      context.store.close();
    },
  };
}
