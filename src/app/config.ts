import { resolve } from 'node:path';
import { loadSecurityConfig, type SecurityConfig } from './security-config.js';

/** Runtime settings, from the environment with defaults that run everything on one machine. */
export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** Folder for the SQLite database and uploaded files. */
  readonly dataDir: string;
  /** Folder of public data sets for training, evaluation and benchmarks (`HEALTHGPT_DATA_DIR`). */
  readonly datasetsDir: string;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes: number;
  /** Host allow-list, CORS, TLS, log rotation, worker pool and time budget (`security-config.ts`). */
  readonly security: SecurityConfig;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const port = Number(env.HEALTHGPT_PORT ?? env.PORT ?? 8080);
  return {
    host: env.HEALTHGPT_HOST ?? '127.0.0.1',
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 8080,
    dataDir: resolve(env.HEALTHGPT_STATE_DIR ?? 'data'),
    datasetsDir: resolve(env.HEALTHGPT_DATA_DIR ?? '../shared/data'),
    bodyLimitBytes: Number(env.HEALTHGPT_BODY_LIMIT_BYTES ?? 12 * 1024 * 1024),
    security: loadSecurityConfig(env),
    ...overrides,
  };
}
