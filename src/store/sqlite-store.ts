import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Assessment, NewAssessment } from '../clinical/assessment.js';
import type { ClinicalCase, NewClinicalCase } from '../clinical/case.js';
import { migrate } from './migrations.js';
import type {
  AssessmentRepository,
  AuditEvent,
  AuditLog,
  BlobStore,
  CaseRepository,
  DocumentCollection,
  DocumentStore,
  NewAuditEvent,
  Store,
} from './store.js';

const now = () => new Date().toISOString();

/**
 * The embedded store: one SQLite file in WAL mode (https://www.sqlite.org/wal.html) with `synchronous=FULL`, so a
 * transaction that has returned survives the process being killed.
 */
export function openSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return {
    cases: sqliteCases(db),
    assessments: sqliteAssessments(db),
    audit: sqliteAudit(db),
    documents: sqliteDocuments(db),
    blobs: sqliteBlobs(db),
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
  };
}

interface ContentRow {
  content: string;
}

function sqliteCases(db: Database.Database): CaseRepository {
  const insert = db.prepare('INSERT INTO cases (id, created_at, updated_at, content) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string], ContentRow>('SELECT content FROM cases WHERE id = ?');
  const page = db.prepare<[number, number], ContentRow>(
    'SELECT content FROM cases ORDER BY updated_at DESC, id LIMIT ? OFFSET ?',
  );
  const count = db.prepare<[], { total: number }>('SELECT count(*) AS total FROM cases');
  const replace = db.prepare('UPDATE cases SET updated_at = ?, content = ? WHERE id = ?');
  return {
    create(newCase: NewClinicalCase) {
      const at = now();
      const stored: ClinicalCase = { ...newCase, id: randomUUID(), createdAt: at, updatedAt: at };
      insert.run(stored.id, at, at, JSON.stringify(stored));
      return stored;
    },
    get(id) {
      const row = select.get(id);
      return row ? (JSON.parse(row.content) as ClinicalCase) : undefined;
    },
    list({ limit = 50, offset = 0 } = {}) {
      const items = page.all(limit, offset).map((row) => JSON.parse(row.content) as ClinicalCase);
      return { items, total: count.get()?.total ?? 0 };
    },
    update(id, content) {
      const existing = this.get(id);
      if (!existing) return undefined;
      const stored: ClinicalCase = { ...content, id, createdAt: existing.createdAt, updatedAt: now() };
      replace.run(stored.updatedAt, JSON.stringify(stored), id);
      return stored;
    },
  };
}

function sqliteAssessments(db: Database.Database): AssessmentRepository {
  const insert = db.prepare(
    'INSERT INTO assessments (id, case_id, engine_id, created_at, content) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[string], ContentRow>('SELECT content FROM assessments WHERE id = ?');
  const forCase = db.prepare<[string], ContentRow>(
    'SELECT content FROM assessments WHERE case_id = ? ORDER BY created_at, id',
  );
  return {
    create(assessment: NewAssessment) {
      const stored: Assessment = { ...assessment, id: randomUUID(), createdAt: now() };
      insert.run(stored.id, stored.caseId, stored.engineId, stored.createdAt, JSON.stringify(stored));
      return stored;
    },
    get: (id) => {
      const row = select.get(id);
      return row ? (JSON.parse(row.content) as Assessment) : undefined;
    },
    listForCase: (caseId) => forCase.all(caseId).map((row) => JSON.parse(row.content) as Assessment),
  };
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  request_id: string | null;
  outcome: 'success' | 'failure';
}

function sqliteAudit(db: Database.Database): AuditLog {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, resource_type, resource_id, request_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const recent = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  const byResource = db.prepare<[string, number], AuditRow>(
    'SELECT * FROM audit_log WHERE resource_id = ? ORDER BY id DESC LIMIT ?',
  );
  const toEvent = (row: AuditRow): AuditEvent => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    resourceType: row.resource_type,
    ...(row.resource_id ? { resourceId: row.resource_id } : {}),
    ...(row.request_id ? { requestId: row.request_id } : {}),
    outcome: row.outcome,
  });
  return {
    record(event: NewAuditEvent) {
      insert.run(
        now(),
        event.actor,
        event.action,
        event.resourceType,
        event.resourceId ?? null,
        event.requestId ?? null,
        event.outcome,
      );
    },
    list({ limit = 100, resourceId } = {}) {
      const rows = resourceId ? byResource.all(resourceId, limit) : recent.all(limit);
      return rows.map(toEvent);
    },
  };
}

function sqliteDocuments(db: Database.Database): DocumentStore {
  const upsert = db.prepare(
    `INSERT INTO documents (collection, id, key, updated_at, content) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (collection, id) DO UPDATE SET key = excluded.key, updated_at = excluded.updated_at, content = excluded.content`,
  );
  const select = db.prepare<[string, string], ContentRow>(
    'SELECT content FROM documents WHERE collection = ? AND id = ?',
  );
  const remove = db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?');
  const page = db.prepare<[string, number, number], ContentRow & { id: string }>(
    'SELECT id, content FROM documents WHERE collection = ? ORDER BY updated_at DESC, id LIMIT ? OFFSET ?',
  );
  const pageByKey = db.prepare<[string, string, number, number], ContentRow & { id: string }>(
    'SELECT id, content FROM documents WHERE collection = ? AND key = ? ORDER BY updated_at DESC, id LIMIT ? OFFSET ?',
  );
  const count = db.prepare<[string], { total: number }>(
    'SELECT count(*) AS total FROM documents WHERE collection = ?',
  );
  const countByKey = db.prepare<[string, string], { total: number }>(
    'SELECT count(*) AS total FROM documents WHERE collection = ? AND key = ?',
  );
  return {
    collection<T>(name: string, keyOf?: (document: T) => string | undefined): DocumentCollection<T> {
      return {
        put(id, document) {
          upsert.run(name, id, keyOf?.(document) ?? null, now(), JSON.stringify(document));
        },
        get(id) {
          const row = select.get(name, id);
          return row ? (JSON.parse(row.content) as T) : undefined;
        },
        delete: (id) => remove.run(name, id).changes > 0,
        list({ limit = 50, offset = 0, key } = {}) {
          const rows =
            key === undefined ? page.all(name, limit, offset) : pageByKey.all(name, key, limit, offset);
          const total = (key === undefined ? count.get(name) : countByKey.get(name, key))?.total ?? 0;
          return {
            items: rows.map((row) => ({ id: row.id, document: JSON.parse(row.content) as T })),
            total,
          };
        },
      };
    },
  };
}

function sqliteBlobs(db: Database.Database): BlobStore {
  const insert = db.prepare('INSERT INTO blobs (id, content_type, created_at, bytes) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string], { content_type: string; bytes: Buffer }>(
    'SELECT content_type, bytes FROM blobs WHERE id = ?',
  );
  return {
    put(bytes, contentType) {
      const id = randomUUID();
      insert.run(id, contentType, now(), Buffer.from(bytes));
      return id;
    },
    get(id) {
      const row = select.get(id);
      return row ? { bytes: new Uint8Array(row.bytes), contentType: row.content_type } : undefined;
    },
  };
}
