import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Role } from '../auth/roles.js';
import type { Assessment, NewAssessment } from '../clinical/assessment.js';
import type { ClinicalCase, NewClinicalCase, StoredClinicalCase } from '../clinical/case.js';
import { HealthGptError } from '../engine/errors.js';
import { auditEntryHash, GENESIS_HASH, verifyAuditChain, withRequestContext } from './audit-chain.js';
import {
  checkAssessment,
  prepareCase,
  readStoredCase,
  readStoredCaseOrThrow,
  staleVersion,
  versionOf,
} from './case-records.js';
import { migrate } from './migrations.js';
import { openSqliteDatabase, restrictSqliteFiles } from './sqlite-file.js';
import type {
  AssessmentRepository,
  AuditEvent,
  AuditFilter,
  AuditLog,
  BlobStore,
  CaseRepository,
  DocumentCollection,
  DocumentStore,
  NewAuditEvent,
  Store,
  TokenKind,
  TokenRecord,
  TokenRepository,
  UserAccount,
  UserRepository,
} from './store.js';

const now = () => new Date().toISOString();

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The embedded store: one SQLite file in WAL mode (https://www.sqlite.org/wal.html) with `synchronous=FULL`, so a
 * transaction that has returned survives the process being killed. The folder is 0700 and the files 0600; with
 * `key` (`HEALTHGPT_DB_KEY`) the file is encrypted at rest (`sqlite-file.ts`).
 */
export function openSqliteStore(path: string, options: { key?: string } = {}): Store {
  const db = openSqliteDatabase(path, options.key ? { key: options.key } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  if (path !== ':memory:') restrictSqliteFiles(path);
  return {
    cases: sqliteCases(db),
    assessments: sqliteAssessments(db),
    audit: sqliteAudit(db),
    users: sqliteUsers(db),
    tokens: sqliteTokens(db),
    documents: sqliteDocuments(db),
    blobs: sqliteBlobs(db),
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
    ...(path === ':memory:'
      ? {}
      : { location: { kind: 'sqlite' as const, path, ...(options.key ? { key: options.key } : {}) } }),
  };
}

interface ContentRow {
  content: string;
}

function sqliteCases(db: Database.Database): CaseRepository {
  const insert = db.prepare('INSERT INTO cases (id, created_at, updated_at, content) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string], ContentRow>('SELECT content FROM cases WHERE id = ?');
  const page = db.prepare<[number, number], ContentRow & { id: string }>(
    'SELECT id, content FROM cases ORDER BY updated_at DESC, id LIMIT ? OFFSET ?',
  );
  const count = db.prepare<[], { total: number }>('SELECT count(*) AS total FROM cases');
  const replace = db.prepare('UPDATE cases SET updated_at = ?, content = ? WHERE id = ?');
  return {
    create(newCase: NewClinicalCase) {
      const at = now();
      const stored = prepareCase(newCase, { id: randomUUID(), createdAt: at, updatedAt: at, version: 1 });
      insert.run(stored.id, at, at, JSON.stringify(stored));
      return stored;
    },
    get(id) {
      const row = select.get(id);
      return row ? readStoredCaseOrThrow(id, row.content) : undefined;
    },
    list({ limit = 50, offset = 0 } = {}) {
      const items: StoredClinicalCase[] = [];
      const unreadable: { id: string; error: string }[] = [];
      for (const row of page.all(limit, offset)) {
        const read = readStoredCase(row.id, row.content);
        if (read.ok) items.push(read.value);
        else unreadable.push({ id: row.id, error: read.reason });
      }
      return { items, total: count.get()?.total ?? 0, ...(unreadable.length > 0 ? { unreadable } : {}) };
    },
    update(id, content, options = {}) {
      // Read, compare and write in one write transaction: no other writer can slip in between.
      return db
        .transaction(() => {
          const row = select.get(id);
          if (!row) return undefined;
          const existing = readStoredCase(id, row.content);
          // A broken stored case may be repaired by a full replacement; its creation time is kept when readable.
          const raw = existing.ok ? existing.value : (safeParse(row.content) as Partial<ClinicalCase>);
          const current = versionOf(raw ?? {});
          if (options.ifVersion !== undefined && options.ifVersion !== current)
            throw staleVersion(id, options.ifVersion, current);
          const stored = prepareCase(content, {
            id,
            createdAt: typeof raw?.createdAt === 'string' ? raw.createdAt : now(),
            updatedAt: now(),
            version: current + 1,
          });
          replace.run(stored.updatedAt, JSON.stringify(stored), id);
          return stored;
        })
        .immediate();
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
      const stored = checkAssessment({ ...assessment, id: randomUUID(), createdAt: now() });
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

export interface AuditRow {
  id: number | string;
  at: string | Date;
  actor: string;
  role: string | null;
  client_address: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  request_id: string | null;
  client_request_id: string | null;
  outcome: 'success' | 'failure';
  prev_hash: string | null;
  hash: string | null;
}

/** A stored audit row as an event (shared with the PostgreSQL store: same columns). */
export function auditRowToEvent(row: AuditRow): AuditEvent {
  return {
    id: Number(row.id),
    at: row.at instanceof Date ? row.at.toISOString() : row.at,
    actor: row.actor,
    ...(row.role ? { role: row.role } : {}),
    ...(row.client_address ? { clientAddress: row.client_address } : {}),
    action: row.action,
    resourceType: row.resource_type,
    ...(row.resource_id ? { resourceId: row.resource_id } : {}),
    ...(row.request_id ? { requestId: row.request_id } : {}),
    ...(row.client_request_id ? { clientRequestId: row.client_request_id } : {}),
    outcome: row.outcome,
    ...(row.hash ? { hash: row.hash } : {}),
    ...(row.prev_hash ? { prevHash: row.prev_hash } : {}),
  };
}

/** SQL `WHERE` conditions for an audit filter, with `?` or `$n` placeholders. */
export function auditWhere(
  filter: AuditFilter,
  placeholder: (n: number) => string,
): { where: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(sql.replace('?', placeholder(params.length)));
  };
  add('resource_id = ?', filter.resourceId);
  add('resource_type = ?', filter.resourceType);
  add('actor = ?', filter.actor);
  add('action = ?', filter.action);
  add('outcome = ?', filter.outcome);
  add('at >= ?', filter.since);
  add('at <= ?', filter.until);
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function sqliteAudit(db: Database.Database): AuditLog {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor, role, client_address, action, resource_type, resource_id, request_id,
       client_request_id, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lastHash = db.prepare<[], { hash: string }>(
    'SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1',
  );
  const oldestFirst = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id');
  // IMMEDIATE: take the write lock before reading the last hash, so two processes never chain to the same entry.
  const append = db.transaction((event: NewAuditEvent) => {
    const at = now();
    const prevHash = lastHash.get()?.hash ?? GENESIS_HASH;
    const hash = auditEntryHash(prevHash, { ...event, at });
    insert.run(
      at,
      event.actor,
      event.role ?? null,
      event.clientAddress ?? null,
      event.action,
      event.resourceType,
      event.resourceId ?? null,
      event.requestId ?? null,
      event.clientRequestId ?? null,
      event.outcome,
      prevHash,
      hash,
    );
  });
  const search = (filter: AuditFilter = {}) => {
    const { where, params } = auditWhere(filter, () => '?');
    const limit = filter.limit ?? 100;
    const offset = filter.offset ?? 0;
    const rows = db
      .prepare<unknown[], AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, limit, offset);
    const total =
      db
        .prepare<unknown[], { total: number }>(`SELECT count(*) AS total FROM audit_log ${where}`)
        .get(...params)?.total ?? 0;
    return { items: rows.map(auditRowToEvent), total };
  };
  return {
    record(event: NewAuditEvent) {
      if (event.outcome !== 'success' && event.outcome !== 'failure') {
        throw new HealthGptError(
          'invalid',
          `audit outcome must be success or failure, not '${event.outcome}'`,
        );
      }
      const enriched = withRequestContext(event);
      if (db.inTransaction) append(enriched);
      else append.immediate(enriched);
    },
    list({ limit = 100, resourceId } = {}) {
      return search({ limit, ...(resourceId !== undefined ? { resourceId } : {}) }).items;
    },
    search,
    verify: () =>
      verifyAuditChain(
        (function* () {
          for (const row of oldestFirst.iterate()) yield auditRowToEvent(row);
        })(),
      ),
  };
}

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string | Date;
  disabled_at: string | Date | null;
}

const iso = (value: string | Date) => (value instanceof Date ? value.toISOString() : value);

/** A stored user row as an account (shared with the PostgreSQL store). */
export function userRowToAccount(row: UserRow): UserAccount {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: iso(row.created_at),
    ...(row.disabled_at ? { disabledAt: iso(row.disabled_at) } : {}),
  };
}

export function duplicateUserError(name: string, cause: unknown): HealthGptError {
  return new HealthGptError('conflict', `a user named '${name}' already exists`, { cause });
}

function sqliteUsers(db: Database.Database): UserRepository {
  const insert = db.prepare(
    'INSERT INTO users (id, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name');
  const count = db.prepare<[], { total: number }>('SELECT count(*) AS total FROM users');
  const setPassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const disable = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL');
  return {
    create({ name, role, passwordHash }) {
      const account: UserAccount = { id: randomUUID(), name, role, createdAt: now() };
      try {
        insert.run(account.id, name, role, passwordHash, account.createdAt);
      } catch (error) {
        if (String(error).includes('UNIQUE')) throw duplicateUserError(name, error);
        throw error;
      }
      return account;
    },
    get(id) {
      const row = byId.get(id);
      return row ? userRowToAccount(row) : undefined;
    },
    findByName(name) {
      const row = byName.get(name);
      return row ? { ...userRowToAccount(row), passwordHash: row.password_hash } : undefined;
    },
    list: () => all.all().map(userRowToAccount),
    count: () => count.get()?.total ?? 0,
    setPassword: (id, passwordHash) => setPassword.run(passwordHash, id).changes > 0,
    disable: (id) => disable.run(now(), id).changes > 0,
  };
}

export interface TokenRow {
  id: string;
  token_hash: string;
  kind: TokenKind;
  name: string;
  role: Role;
  user_id: string | null;
  created_at: string | Date;
  expires_at: string | Date;
  revoked_at: string | Date | null;
  last_used_at?: string | Date | null;
}

/** A stored token row as a record (shared with the PostgreSQL store); the hash stays in the store. */
export function tokenRowToRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    role: row.role,
    ...(row.user_id ? { userId: row.user_id } : {}),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    ...(row.revoked_at ? { revokedAt: iso(row.revoked_at) } : {}),
    ...(row.last_used_at ? { lastUsedAt: iso(row.last_used_at) } : {}),
  };
}

function sqliteTokens(db: Database.Database): TokenRepository {
  const insert = db.prepare(
    `INSERT INTO tokens (id, token_hash, kind, name, role, user_id, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byHash = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?');
  const byId = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ?');
  const all = db.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY created_at DESC, id');
  const ofKind = db.prepare<[string], TokenRow>(
    'SELECT * FROM tokens WHERE kind = ? ORDER BY created_at DESC, id',
  );
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const touch = db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?');
  return {
    create(token) {
      const record: TokenRecord = {
        id: randomUUID(),
        kind: token.kind,
        name: token.name,
        role: token.role,
        ...(token.userId ? { userId: token.userId } : {}),
        createdAt: now(),
        expiresAt: token.expiresAt,
      };
      insert.run(
        record.id,
        token.tokenHash,
        token.kind,
        token.name,
        token.role,
        token.userId ?? null,
        record.createdAt,
        token.expiresAt,
      );
      return record;
    },
    findByHash(tokenHash) {
      const row = byHash.get(tokenHash);
      return row ? tokenRowToRecord(row) : undefined;
    },
    get(id) {
      const row = byId.get(id);
      return row ? tokenRowToRecord(row) : undefined;
    },
    list: ({ kind } = {}) => (kind ? ofKind.all(kind) : all.all()).map(tokenRowToRecord),
    revoke: (id) => revoke.run(now(), id).changes > 0,
    touch: (id, at) => touch.run(at, id).changes > 0,
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
