import { join } from 'node:path';
import { openSqliteStore } from '../sqlite-store.js';
import type { Store } from '../store.js';
import { openPostgresStore, redactConnectionString } from './postgres-store.js';

/** The environment variable that selects PostgreSQL: a libpq connection string or `postgresql://` URL. */
export const DATABASE_URL_VARIABLE = 'HEALTHGPT_DATABASE_URL';

/** Which store the environment selects, with a location that is safe to log (no password). */
export type StoreSelection =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly redacted: string };

/**
 * SQLite in `<dataDir>/healthgpt.db` by default; PostgreSQL when `HEALTHGPT_DATABASE_URL` is set and not blank.
 */
export function selectStore(env: NodeJS.ProcessEnv, dataDir: string): StoreSelection {
  const url = env[DATABASE_URL_VARIABLE]?.trim();
  if (url) return { kind: 'postgres', connectionString: url, redacted: redactConnectionString(url) };
  return { kind: 'sqlite', path: join(dataDir, 'healthgpt.db') };
}

/**
 * Opens the store the environment selects (`selectStore`). PostgreSQL needs the optional `pg-native` driver; when it
 * is missing this throws an error that says what to install, rather than falling back to SQLite silently.
 */
export function openStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): Store {
  const selection = selectStore(env, dataDir);
  return selection.kind === 'postgres'
    ? openPostgresStore(selection.connectionString)
    : openSqliteStore(selection.path, env.HEALTHGPT_DB_KEY ? { key: env.HEALTHGPT_DB_KEY } : {});
}
