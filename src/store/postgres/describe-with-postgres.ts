import { afterAll, beforeAll } from 'vitest';
import { describeIfAvailable } from '../../../test/describe-if-available.js';
import { endClient, loadPgNative, type PgNativeClient, pgNativeUnavailableReason } from './pg-native.js';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
  throwawayPostgresUnavailableReason,
} from './throwaway-server.js';

/** A running throwaway server for one suite, with an admin connection to make and empty its databases. */
export interface PostgresForTests {
  readonly server: ThrowawayPostgres;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): string;
  /** Drops everything in the database (its `public` schema, migrations included) and returns its URL. */
  emptyDatabase(name: string): string;
}

/**
 * `describe` for a suite that needs PostgreSQL: starts a throwaway server (`throwaway-server.ts`) before the suite
 * and stops it after. Skipped, with the reason, when PostgreSQL's binaries or the optional `pg-native` driver are
 * not installed — except with `CI=true`, where a suite that cannot run is a failure (as `describeWithDataset`).
 */
export function describeWithPostgres(name: string, suite: (postgres: () => PostgresForTests) => void): void {
  const reason = pgNativeUnavailableReason() ?? throwawayPostgresUnavailableReason();
  describeIfAvailable(
    name,
    reason === undefined ? undefined : `PostgreSQL suite cannot run: ${reason}`,
    () => {
      let running: PostgresForTests | undefined;
      const admins = new Map<string, PgNativeClient>();
      beforeAll(async () => {
        const server = await startThrowawayPostgres();
        const Client = loadPgNative();
        const admin = (database: string): PgNativeClient => {
          let client = admins.get(database);
          if (!client) {
            client = new Client();
            client.connectSync(server.urlFor(database));
            client.querySync('SET client_min_messages = warning');
            admins.set(database, client);
          }
          return client;
        };
        running = {
          server,
          createDatabase(database) {
            admin('postgres').querySync(`CREATE DATABASE ${admin('postgres').escapeIdentifier(database)}`);
            return server.urlFor(database);
          },
          emptyDatabase(database) {
            admin(database).querySync('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
            return server.urlFor(database);
          },
        };
      });
      afterAll(() => {
        for (const client of admins.values()) endClient(client);
        running?.server.stop();
      });
      suite(() => {
        if (!running) throw new Error('the throwaway PostgreSQL server has not started');
        return running;
      });
    },
  );
}
