import { createRequire } from 'node:module';

/**
 * The part of `pg-native` (https://github.com/brianc/node-postgres/tree/master/packages/pg-native, libpq bindings)
 * that the PostgreSQL store uses: its synchronous calls, so that the store can keep the synchronous `Store`
 * interface that better-sqlite3 set. Parameters travel as text; results are parsed by `pg-types` (JSONB → value,
 * BYTEA → Buffer, BIGINT → string, TIMESTAMPTZ → Date).
 */
export interface PgNativeClient {
  connectSync(connectionString: string): void;
  querySync<Row = Record<string, unknown>>(text: string, values?: readonly (string | null)[]): Row[];
  escapeIdentifier(value: string): string;
  /** `'idle'`, `'active'`, `'transaction'` (idle in transaction), `'error'` (in a failed transaction) or `'unknown'`. */
  getTransactionStatus(): string | null;
  end(): void;
}

export type PgNativeConstructor = new () => PgNativeClient;

/** The message for a deployment that selected PostgreSQL without the optional native driver. */
export const PG_NATIVE_MISSING =
  'PostgreSQL was selected (HEALTHGPT_DATABASE_URL) but the optional driver pg-native could not be loaded: ' +
  'install libpq-dev (Debian/Ubuntu: apt-get install libpq-dev) and reinstall (npm install), ' +
  'or unset HEALTHGPT_DATABASE_URL to use the embedded SQLite store';

let cached: PgNativeConstructor | Error | undefined;

/**
 * Loads `pg-native` on first use only, so that a machine without libpq (where npm skipped the optional
 * dependency) still runs everything on SQLite. Throws an error that says what to install when it is missing.
 */
export function loadPgNative(): PgNativeConstructor {
  if (cached === undefined) {
    try {
      cached = createRequire(import.meta.url)('pg-native') as PgNativeConstructor;
    } catch (error) {
      cached = new Error(PG_NATIVE_MISSING, { cause: error });
    }
  }
  if (cached instanceof Error) throw cached;
  return cached;
}

/** Why `pg-native` cannot be loaded here, or undefined when it can. */
export function pgNativeUnavailableReason(): string | undefined {
  try {
    loadPgNative();
    return undefined;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `pg-native is not installed or its libpq build failed${cause.split('\n')[0]}`;
  }
}

/** Clients just ended, kept reachable until libuv has finished closing their socket watchers. */
const closing = new Set<PgNativeClient>();

/**
 * Ends a client safely. libpq's `finish` (node-libpq 1.11) hands the connection's poll handle to `uv_close` and at
 * once lets the JavaScript object go; if the garbage collector frees it before the event loop runs its close
 * callbacks, libuv reads freed memory and aborts the process (`uv__finish_close: Assertion … failed`, reproduced
 * here with `--expose-gc`). So the client stays referenced for a while after it is ended.
 */
export function endClient(client: PgNativeClient): void {
  client.end();
  closing.add(client);
  setTimeout(() => closing.delete(client), 1000).unref();
}
