import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrations.js';
import { describeWithPostgres } from './postgres/describe-with-postgres.js';
import { migratePostgres, postgresMigrations } from './postgres/migrations.js';
import { endClient, loadPgNative } from './postgres/pg-native.js';

/**
 * Schema version 4 admits the role `site` on accounts and tokens. SQLite cannot alter a CHECK, so the migration
 * rebuilds `users` and `tokens`: an upgrade from a version-3 database must keep every row, the foreign key from
 * tokens to users and the indexes.
 */
const USER = ['u1', 'alice', 'clinician', 'hash', '2026-01-01T00:00:00.000Z', null] as const;
const TOKEN = [
  't1',
  'token-hash-1',
  'session',
  'alice session',
  'clinician',
  'u1',
  '2026-01-01T00:00:00.000Z',
  '2026-02-01T00:00:00.000Z',
  null,
  '2026-01-02T00:00:00.000Z',
] as const;

function versionThree(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version <= 3),
  );
  db.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)').run(...USER);
  db.prepare(
    'INSERT INTO tokens (id, token_hash, kind, name, role, user_id, created_at, expires_at, revoked_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(...TOKEN);
  return db;
}

const insertToken = (db: Database.Database, id: string, role: string, userId: string | null) =>
  db
    .prepare(
      "INSERT INTO tokens (id, token_hash, kind, name, role, user_id, created_at, expires_at) VALUES (?, ?, 'api', ?, ?, ?, '2026-01-01', '2027-01-01')",
    )
    .run(id, `hash-${id}`, id, role, userId);

describe('migration 4 (SQLite): the role site', () => {
  it('a version-3 database refuses the role site', () => {
    const db = versionThree();
    expect(() => insertToken(db, 'hospital-a', 'site', null)).toThrow(/CHECK constraint/);
  });

  it('upgrades a version-3 database keeping rows, the foreign key and the indexes', () => {
    const db = versionThree();
    expect(migrate(db)).toEqual([4]);
    expect(db.prepare('SELECT * FROM users').raw().all()).toEqual([USER]);
    expect(
      db
        .prepare(
          'SELECT id, token_hash, kind, name, role, user_id, created_at, expires_at, revoked_at, last_used_at FROM tokens',
        )
        .raw()
        .all(),
    ).toEqual([TOKEN]);

    insertToken(db, 'hospital-a', 'site', null);
    db.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)').run('u2', 'site-b', 'site', 'h', '2026', null);
    expect(() => insertToken(db, 'bad', 'superuser', null)).toThrow(/CHECK constraint/);
    // The rebuilt tokens table still references the rebuilt users table.
    expect(() => insertToken(db, 'orphan', 'site', 'no-such-user')).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const fks = db.prepare("SELECT * FROM pragma_foreign_key_list('tokens')").all() as { table: string }[];
    expect(fks.map((fk) => fk.table)).toEqual(['users']);
    // The token hash and the user name stay unique; the kind index is back.
    expect(() => insertToken(db, 'dup', 'site', null)).not.toThrow();
    expect(() => db.prepare("UPDATE tokens SET token_hash = 'token-hash-1' WHERE id = 'dup'").run()).toThrow(
      /UNIQUE/,
    );
    expect(() =>
      db.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)').run('u3', 'alice', 'site', 'h', '2026', null),
    ).toThrow(/UNIQUE/);
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tokens'").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    expect(indexes).toContain('tokens_kind');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_v3'").all()).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(migrate(db)).toEqual([]);
  });
});

describeWithPostgres('migration 4 (PostgreSQL): the role site', (postgres) => {
  it('upgrades a version-3 database so that accounts and tokens admit the role site, and nothing else new', () => {
    const url = postgres().createDatabase('migration_four');
    const client = new (loadPgNative())();
    client.connectSync(url);
    try {
      migratePostgres(
        client,
        postgresMigrations.filter((m) => m.version <= 3),
      );
      const insert = (id: string, role: string) =>
        client.querySync(
          "INSERT INTO tokens (id, token_hash, kind, name, role, created_at, expires_at) VALUES ($1, $2, 'api', $1, $3, now(), now())",
          [id, `hash-${id}`, role],
        );
      insert('kept', 'device');
      expect(() => insert('early', 'site')).toThrow(/tokens_role_check/);
      expect(migratePostgres(client)).toEqual([4]);
      insert('hospital-a', 'site');
      client.querySync(
        "INSERT INTO users (id, name, role, password_hash, created_at) VALUES ('u1', 'site-b', 'site', 'h', now())",
      );
      expect(() => insert('bad', 'superuser')).toThrow(/tokens_role_check/);
      expect(client.querySync<{ id: string }>('SELECT id FROM tokens ORDER BY id')).toEqual([
        { id: 'hospital-a' },
        { id: 'kept' },
      ]);
    } finally {
      endClient(client);
    }
  });
});
