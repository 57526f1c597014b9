import type Database from 'better-sqlite3';

/** One schema change, applied once, in order of `version`, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** The SQLite schema's history. Append only: never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'cases, assessments, audit log, documents, blobs',
    sql: `
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        content TEXT NOT NULL
      );
      CREATE INDEX cases_updated ON cases (updated_at DESC);
      CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        engine_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        content TEXT NOT NULL
      );
      CREATE INDEX assessments_case ON assessments (case_id, created_at);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        resource_id TEXT,
        request_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure'))
      );
      CREATE INDEX audit_resource ON audit_log (resource_id);
      CREATE TABLE documents (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        key TEXT,
        updated_at TEXT NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX documents_key ON documents (collection, key, updated_at DESC);
      CREATE TABLE blobs (
        id TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        created_at TEXT NOT NULL,
        bytes BLOB NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      'accounts, tokens, and a hash-chained append-only audit log with principal, role and address',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT
      );
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('api', 'session', 'setup')),
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device')),
        user_id TEXT REFERENCES users (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX tokens_kind ON tokens (kind, created_at DESC);
      ALTER TABLE audit_log ADD COLUMN role TEXT;
      ALTER TABLE audit_log ADD COLUMN client_address TEXT;
      ALTER TABLE audit_log ADD COLUMN client_request_id TEXT;
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE INDEX audit_at ON audit_log (at);
      CREATE INDEX audit_actor ON audit_log (actor, id DESC);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 3,
    description: 'when each token was last used (web sessions end after a idle period)',
    sql: 'ALTER TABLE tokens ADD COLUMN last_used_at TEXT;',
  },
  {
    version: 4,
    description: "the role 'site' (a federated-learning site or coordinator) on accounts and tokens",
    // SQLite cannot change a CHECK constraint in place: both tables are rebuilt inside the migration's
    // transaction. Renaming `users` first rewrites the foreign key of the renamed `tokens` to follow it, so the
    // old pair is dropped child first and no row is ever checked against a missing parent; the rebuilt `tokens`
    // references the rebuilt `users`. Every row and column is copied; the index `tokens_kind` is re-created (the
    // UNIQUE indexes come with the table definitions).
    sql: `
      ALTER TABLE tokens RENAME TO tokens_v3;
      ALTER TABLE users RENAME TO users_v3;
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device', 'site')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT
      );
      INSERT INTO users (id, name, role, password_hash, created_at, disabled_at)
        SELECT id, name, role, password_hash, created_at, disabled_at FROM users_v3;
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('api', 'session', 'setup')),
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'researcher', 'auditor', 'device', 'site')),
        user_id TEXT REFERENCES users (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      );
      INSERT INTO tokens (id, token_hash, kind, name, role, user_id, created_at, expires_at, revoked_at, last_used_at)
        SELECT id, token_hash, kind, name, role, user_id, created_at, expires_at, revoked_at, last_used_at
        FROM tokens_v3;
      DROP TABLE tokens_v3;
      DROP TABLE users_v3;
      CREATE INDEX tokens_kind ON tokens (kind, created_at DESC);
    `,
  },
];

/** Brings the database up to the newest migration; returns the versions it applied. */
export function migrate(db: Database.Database, all: readonly Migration[] = migrations): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (row) => row.version,
    ),
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
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.description,
        new Date().toISOString(),
      );
    })();
    done.push(migration.version);
  }
  return done;
}
