import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithPostgres } from './describe-with-postgres.js';
import { MIGRATION_LOCK_KEY, migratePostgres, postgresMigrations } from './migrations.js';
import { endClient, loadPgNative } from './pg-native.js';
import { openPostgresStore, redactConnectionString } from './postgres-store.js';
import { openStoreFromEnv, selectStore } from './select-store.js';

const newCase = { title: 'Cough', patient: { ageYears: 40 }, findings: [], observations: [], images: [] };

describe('redactConnectionString', () => {
  it('hides passwords in URLs and key=value strings, and nothing else', () => {
    expect(
      redactConnectionString('postgresql://app:s3cr%40t@db.example:5432/healthgpt?sslmode=require'),
    ).toBe('postgresql://app:***@db.example:5432/healthgpt?sslmode=require');
    expect(redactConnectionString('postgres://app@db/healthgpt?password=secret')).toBe(
      'postgres://app@db/healthgpt?password=***',
    );
    expect(redactConnectionString("host=db user=app password='it\\'s secret' dbname=h")).not.toContain(
      'secret',
    );
    expect(redactConnectionString('host=db password=secret dbname=h')).toBe('host=db password=*** dbname=h');
    expect(redactConnectionString('host=/var/run/postgresql dbname=h')).toBe(
      'host=/var/run/postgresql dbname=h',
    );
  });
});

describe('selectStore', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'healthgpt-select-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('selects SQLite in the data folder by default and PostgreSQL when HEALTHGPT_DATABASE_URL is set', () => {
    expect(selectStore({}, dataDir)).toEqual({ kind: 'sqlite', path: join(dataDir, 'healthgpt.db') });
    expect(selectStore({ HEALTHGPT_DATABASE_URL: '  ' }, dataDir).kind).toBe('sqlite');
    expect(selectStore({ HEALTHGPT_DATABASE_URL: 'postgresql://app:pw@db/h' }, dataDir)).toEqual({
      kind: 'postgres',
      connectionString: 'postgresql://app:pw@db/h',
      redacted: 'postgresql://app:***@db/h',
    });
  });

  it('opens the SQLite file when no database URL is set', () => {
    const store = openStoreFromEnv({}, dataDir);
    const created = store.cases.create(newCase);
    store.close();
    expect(existsSync(join(dataDir, 'healthgpt.db'))).toBe(true);
    const reopened = openStoreFromEnv({}, dataDir);
    expect(reopened.cases.get(created.id)).toEqual(created);
    reopened.close();
  });
});

describeWithPostgres('openPostgresStore', (postgres) => {
  it('migrates a new database once, with JSONB content and BYTEA blobs, and keeps data across connections', () => {
    const url = postgres().createDatabase('migrations');
    const store = openPostgresStore(url);
    const created = store.cases.create(newCase);
    store.close();

    const client = new (loadPgNative())();
    client.connectSync(url);
    try {
      expect(client.querySync('SELECT version, description FROM schema_migrations')).toEqual(
        postgresMigrations.map((m) => ({ version: m.version, description: m.description })),
      );
      expect(migratePostgres(client)).toEqual([]);
      const types = client.querySync<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name IN ('content', 'bytes') ORDER BY table_name`,
      );
      expect(types.map((t) => `${t.table_name}.${t.column_name}:${t.data_type}`)).toEqual([
        'assessments.content:jsonb',
        'blobs.bytes:bytea',
        'cases.content:jsonb',
        'documents.content:jsonb',
      ]);
    } finally {
      endClient(client);
    }

    const reopened = openStoreFromEnv({ HEALTHGPT_DATABASE_URL: url }, '/nonexistent');
    expect(reopened.cases.get(created.id)).toEqual(created);
    reopened.close();
  });

  it('keeps the audit log append-only and detects an entry edited behind its back', () => {
    const url = postgres().createDatabase('audit_chain');
    const store = openPostgresStore(url);
    for (const action of ['case.read', 'case.update', 'case.read']) {
      store.audit.record({
        actor: 'user:alice',
        role: 'clinician',
        action,
        resourceType: 'case',
        outcome: 'success',
      });
    }
    expect(store.audit.verify()).toMatchObject({ ok: true, checked: 3 });
    const middle = store.audit.list()[1];
    const client = new (loadPgNative())();
    client.connectSync(url);
    try {
      const id = String(middle?.id);
      expect(() =>
        client.querySync("UPDATE audit_log SET actor = 'user:mallory' WHERE id = $1", [id]),
      ).toThrow(/append-only/);
      expect(() => client.querySync('DELETE FROM audit_log WHERE id = $1', [id])).toThrow(/append-only/);
      expect(() => client.querySync('TRUNCATE audit_log')).toThrow(/append-only/);
      client.querySync('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
      client.querySync("UPDATE audit_log SET actor = 'user:mallory' WHERE id = $1", [id]);
    } finally {
      endClient(client);
    }
    expect(store.audit.verify()).toMatchObject({
      ok: false,
      brokenAt: { id: middle?.id, reason: expect.stringMatching(/edited/) },
    });
    store.close();
  });

  it('refuses a database whose schema is newer than this code', () => {
    const url = postgres().createDatabase('future');
    openPostgresStore(url).close();
    const client = new (loadPgNative())();
    client.connectSync(url);
    client.querySync("INSERT INTO schema_migrations VALUES (999, 'future', now())");
    endClient(client);
    expect(() => openPostgresStore(url)).toThrow(/schema version 999 is newer than this HealthGPT knows/);
  });

  it('releases the migration lock even when migrating fails', () => {
    const url = postgres().createDatabase('broken');
    const client = new (loadPgNative())();
    client.connectSync(url);
    try {
      const broken = [{ version: 1, description: 'broken', sql: 'CREATE TABLE t (x int); SELECT 1/0;' }];
      expect(() => migratePostgres(client, broken)).toThrow(/division by zero/);
      expect(client.querySync('SELECT to_regclass($1) AS t', ['t'])).toEqual([{ t: null }]);
      const held = client.querySync<{ n: string }>(
        "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1::bigint",
        [MIGRATION_LOCK_KEY],
      );
      expect(held).toEqual([{ n: '0' }]);
    } finally {
      endClient(client);
    }
  });

  it('applies each migration exactly once when several processes open a new database at the same moment', async () => {
    const url = postgres().createDatabase('concurrent');
    // Each child loads the code, says it is ready, then blocks until its stdin closes: all four are released at once.
    const opener = `
      import { readFileSync } from 'node:fs';
      import { openPostgresStore } from './src/store/postgres/postgres-store.ts';
      process.stdout.write('ready\\n');
      readFileSync(0);
      const store = openPostgresStore(${JSON.stringify(url)});
      store.cases.create({ title: 'from ' + process.pid, patient: {}, findings: [], observations: [], images: [] });
      store.close();`;
    const children = [1, 2, 3, 4].map(() =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', opener], {
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    const exits = children.map(
      (child) =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
          });
          child.on('exit', (code) => resolve({ code, stderr }));
        }),
    );
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            child.stdout.once('data', resolve);
            child.once('exit', resolve);
          }),
      ),
    );
    for (const child of children) child.stdin.end();
    expect(await Promise.all(exits)).toEqual(children.map(() => ({ code: 0, stderr: '' })));
    const store = openPostgresStore(url);
    expect(store.cases.list().total).toBe(4);
    store.close();
  });

  it('says where it could not connect, without the password', () => {
    const url = postgres()
      .server.urlFor('no_such_database')
      .replace(/:[^:@/]+@/, ':wrong-secret@');
    expect(() => openPostgresStore(url)).toThrow(
      /could not connect to PostgreSQL at postgresql:\/\/healthgpt:\*\*\*@/,
    );
    try {
      openPostgresStore(url);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('wrong-secret');
    }
  });

  it('rejects a document holding a NUL character (JSONB cannot store U+0000), leaving nothing written', () => {
    const store = openPostgresStore(postgres().createDatabase('nul'));
    const notes = store.documents.collection<{ text: string }>('notes');
    expect(() => notes.put('n1', { text: 'before\u0000after' })).toThrow(
      /\\u0000 cannot be converted to text/,
    );
    expect(notes.list().total).toBe(0);
    store.close();
  });
});
