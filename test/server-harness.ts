import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { createEngineRegistry, gatewayToolsOf } from '../src/app/capabilities.js';
import type { Capability } from '../src/app/capability.js';
import { loadConfig } from '../src/app/config.js';
import type { AppContext } from '../src/app/context.js';
import { issueToken } from '../src/auth/accounts.js';
import { type AuthConfig, loadAuthConfig } from '../src/auth/config.js';
import type { Role } from '../src/auth/roles.js';
import { createServer, type ServerOptions } from '../src/server/create-server.js';
import type { HttpApp } from '../src/server/http-app.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

export interface RunningServer {
  readonly app: HttpApp;
  readonly context: AppContext;
  readonly baseUrl: string;
  readonly dbPath: string;
  /** The bearer token the harness signs requests in with (undefined when anonymous). */
  readonly token: string | undefined;
  /** A fresh API token for `role`, for tests of other roles: send it as `Authorization: Bearer …`. */
  tokenFor(role: Role, name?: string): string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /**
   * Who requests without an `Authorization` header or session cookie are signed in as: `admin` by default (a real
   * API token in the store, added by the harness), another role, or `anonymous` (nothing added).
   */
  readonly as?: Role | 'anonymous';
  /** Sign-in settings over the environment's (e.g. a small rate limit, OpenID Connect, CDS clients). */
  readonly auth?: Partial<AuthConfig>;
  readonly server?: Omit<ServerOptions, 'auth'>;
  /** Receives the first-run setup link when the server starts with no account (default: not printed). */
  readonly setupLink?: (line: string) => void;
}

/**
 * A real HealthGPT server on 127.0.0.1 and a free port, with a real SQLite file in a temp folder. Requests (by
 * `fetch`, WebSocket or `app.inject`) that carry no credentials of their own are signed in as an admin by default.
 */
export async function startTestServer(
  capabilities: readonly Capability[],
  configOverrides: Parameters<typeof loadConfig>[1] = {},
  options: TestServerOptions = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'healthgpt-test-'));
  const dbPath = join(dataDir, 'healthgpt.db');
  const config = loadConfig({}, { dataDir, port: 0, ...configOverrides });
  const base: AppContext = {
    config,
    store: openSqliteStore(dbPath),
    engines: createEngineRegistry(capabilities),
  };
  const context: AppContext = { ...base, gatewayTools: gatewayToolsOf(base, capabilities) };
  const auth: AuthConfig = { ...loadAuthConfig({}), rateLimitPerMinute: 100_000, ...options.auth };
  const app = await createServer(context, capabilities, {
    ...options.server,
    auth: { config: auth, setupLink: options.setupLink ?? false },
  });
  const tokenFor = (role: Role, name = `test-${role}`) =>
    issueToken(context.store, { kind: 'api', name, role, lifetimeMs: 3_600_000 }).token;
  const as = options.as ?? 'admin';
  const token = as === 'anonymous' ? undefined : tokenFor(as);
  if (token) signInByDefault(app, token);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    context,
    dbPath,
    token,
    tokenFor,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      context.store.close();
    },
  };
}

const hasCredentials = (headers: Record<string, unknown>) =>
  Object.keys(headers).some((name) => ['authorization', 'cookie'].includes(name.toLowerCase()));

/** Adds `Authorization: Bearer <token>` to every request that brings no credentials of its own. */
function signInByDefault(app: HttpApp, token: string) {
  const addToken = (request: IncomingMessage) => {
    if (!hasCredentials(request.headers)) request.headers.authorization = `Bearer ${token}`;
  };
  app.server.prependListener('request', addToken);
  app.server.prependListener('upgrade', addToken);
  const inject = app.inject.bind(app);
  const signedIn = (options: InjectOptions | string) => {
    const resolved: InjectOptions = typeof options === 'string' ? { url: options } : options;
    const headers = { ...(resolved.headers ?? {}) } as Record<string, unknown>;
    if (!hasCredentials(headers)) headers.authorization = `Bearer ${token}`;
    return inject({ ...resolved, headers } as InjectOptions);
  };
  Object.assign(app, { inject: signedIn });
}
