import type { Migration } from '../migrations.js';
import type { PgNativeClient } from './pg-native.js';

/**
 * The PostgreSQL schema's history, version for version the same tables as the SQLite one (`../migrations.ts`):
 * JSONB for content, BYTEA for blobs, TIMESTAMPTZ for times, and `COLLATE "C"` on identifiers so that ties in
 * time order by id bytewise, as SQLite does, whatever the database's collation. Append only.
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'cases, assessments, audit log, documents, blobs',
    sql: `
      CREATE TABLE cases (
        id TEXT COLLATE "C" PRIMARY KEY,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        content JSONB NOT NULL
      );
      CREATE INDEX cases_updated ON cases (updated_at DESC, id);
      CREATE TABLE assessments (
        id TEXT COLLATE "C" PRIMARY KEY,
        case_id TEXT COLLATE "C" NOT NULL REFERENCES cases (id),
        engine_id TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        content JSONB NOT NULL
      );
      CREATE INDEX assessments_case ON assessments (case_id, created_at, id);
      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        resource_id TEXT,
        request_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure'))
      );
      CREATE INDEX audit_resource ON audit_log (resource_id, id DESC);
      CREATE TABLE documents (
        collection TEXT COLLATE "C" NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C",
        updated_at TIMESTAMPTZ NOT NULL,
        content JSONB NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX documents_updated ON documents (collection, updated_at DESC, id);
      CREATE INDEX documents_key ON documents (collection, key, updated_at DESC, id);
      CREATE TABLE blobs (
        id TEXT COLLATE "C" PRIMARY KEY,
        content_type TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        bytes BYTEA NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      'accounts, tokens, and a hash-chained append-only audit log with principal, role and address',
    sql: `
      CREATE TABLE users (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device')),
        password_hash TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        disabled_at TIMESTAMPTZ
      );
      CREATE TABLE tokens (
        id TEXT COLLATE "C" PRIMARY KEY,
        token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('api', 'session', 'setup')),
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device')),
        user_id TEXT COLLATE "C" REFERENCES users (id),
        created_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        revoked_at TIMESTAMPTZ
      );
      CREATE INDEX tokens_kind ON tokens (kind, created_at DESC, id);
      ALTER TABLE audit_log ADD COLUMN role TEXT;
      ALTER TABLE audit_log ADD COLUMN client_address TEXT;
      ALTER TABLE audit_log ADD COLUMN client_request_id TEXT;
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE INDEX audit_at ON audit_log (at);
      CREATE INDEX audit_actor ON audit_log (actor, id DESC);
      CREATE FUNCTION healthgpt_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END
      $body$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION healthgpt_audit_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION healthgpt_audit_append_only();
    `,
  },
  {
    version: 3,
    description: 'when each token was last used (web sessions end after a idle period)',
    sql: 'ALTER TABLE tokens ADD COLUMN last_used_at TIMESTAMPTZ;',
  },
  {
    version: 4,
    description: "the role 'site' (a federated-learning site or coordinator) on accounts and tokens",
    // PostgreSQL named the column CHECKs of version 2 `<table>_<column>_check`; they are replaced in place.
    sql: `
      ALTER TABLE users DROP CONSTRAINT users_role_check;
      ALTER TABLE users ADD CONSTRAINT users_role_check
        CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device', 'site'));
      ALTER TABLE tokens DROP CONSTRAINT tokens_role_check;
      ALTER TABLE tokens ADD CONSTRAINT tokens_role_check
        CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device', 'site'));
    `,
  },
];

/**
 * Key of the session-level advisory lock (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS)
 * held while migrating, so that several HealthGPT processes starting at once against one database apply each
 * migration exactly once: the others wait, then find nothing left to do. An arbitrary constant ("HGPT" in ASCII).
 */
export const MIGRATION_LOCK_KEY = '1212567636';

/**
 * Brings the database up to the newest migration, each in its own transaction (PostgreSQL DDL is transactional),
 * under the migration advisory lock. Returns the versions it applied; refuses a database newer than this code.
 */
export function migratePostgres(
  client: PgNativeClient,
  all: readonly Migration[] = postgresMigrations,
): number[] {
  client.querySync('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    client.querySync(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
    );
    const applied = new Set(
      client
        .querySync<{ version: number }>('SELECT version FROM schema_migrations')
        .map((row) => row.version),
    );
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...all.map((m) => m.version));
    if (newest > known) {
      throw new Error(
        `database schema version ${newest} is newer than this HealthGPT knows (${known}); upgrade HealthGPT`,
      );
    }
    const done: number[] = [];
    for (const migration of [...all].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      client.querySync('BEGIN');
      try {
        client.querySync(migration.sql);
        client.querySync(
          'INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)',
          [String(migration.version), migration.description, new Date().toISOString()],
        );
        client.querySync('COMMIT');
      } catch (error) {
        client.querySync('ROLLBACK');
        throw error;
      }
      done.push(migration.version);
    }
    return done;
  } finally {
    client.querySync('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
