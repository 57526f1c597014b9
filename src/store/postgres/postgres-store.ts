import { randomUUID } from 'node:crypto';
import type { Assessment, NewAssessment } from '../../clinical/assessment.js';
import type { ClinicalCase, NewClinicalCase, StoredClinicalCase } from '../../clinical/case.js';
import { HealthGptError } from '../../engine/errors.js';
import { auditEntryHash, GENESIS_HASH, verifyAuditChain, withRequestContext } from '../audit-chain.js';
import {
  checkAssessment,
  prepareCase,
  readStoredCase,
  readStoredCaseOrThrow,
  staleVersion,
  versionOf,
} from '../case-records.js';
import {
  type AuditRow,
  auditRowToEvent,
  auditWhere,
  duplicateUserError,
  type TokenRow,
  tokenRowToRecord,
  type UserRow,
  userRowToAccount,
} from '../sqlite-store.js';
import type {
  AssessmentRepository,
  AuditFilter,
  AuditLog,
  BlobStore,
  CaseRepository,
  DocumentCollection,
  DocumentStore,
  NewAuditEvent,
  Store,
  TokenRecord,
  TokenRepository,
  UserAccount,
  UserRepository,
} from '../store.js';
import { migratePostgres } from './migrations.js';
import { endClient, loadPgNative, type PgNativeClient } from './pg-native.js';

const now = () => new Date().toISOString();

/** One query: `$1 …` parameters as text (or SQL NULL), rows parsed by pg-types. */
type Query = <Row = Record<string, unknown>>(sql: string, ...params: (string | null)[]) => Row[];

/**
 * The PostgreSQL store: the same `Store` as `openSqliteStore`, over one libpq connection used synchronously
 * (`pg-native`'s `querySync`), so engines and capabilities run unchanged. Migrates the schema on open under an
 * advisory lock. Each call blocks the Node event loop for one round trip to the server: put the database close to
 * the application (same host or LAN).
 *
 * @param connectionString a libpq connection string or `postgresql://` URL
 *   (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING).
 */
export function openPostgresStore(connectionString: string): Store {
  const Client = loadPgNative();
  const client = new Client();
  try {
    client.connectSync(connectionString);
  } catch (error) {
    throw new Error(
      `could not connect to PostgreSQL at ${redactConnectionString(connectionString)}: ${firstLine(error)}`,
      { cause: error },
    );
  }
  try {
    client.querySync("SET TIME ZONE 'UTC'; SET client_min_messages = warning");
    migratePostgres(client);
  } catch (error) {
    endClient(client);
    throw error;
  }
  const session = transactions(client);
  let closed = false;
  return {
    cases: postgresCases(session.query, session.transaction),
    assessments: postgresAssessments(session.query),
    audit: postgresAudit(session.query, session.transaction),
    users: postgresUsers(session.query),
    tokens: postgresTokens(session.query),
    documents: postgresDocuments(session.query),
    blobs: postgresBlobs(session.query),
    transaction: session.transaction,
    location: { kind: 'postgres', connectionString },
    close() {
      if (closed) return;
      closed = true;
      endClient(client);
    },
  };
}

/**
 * Transactions with better-sqlite3's semantics over one connection.
 *
 * - `transaction(work)`: the outermost call is BEGIN … COMMIT (ROLLBACK when `work` throws); a nested call joins it
 *   through a SAVEPOINT, so a nested failure that the outer work catches undoes only the nested writes. `work` must
 *   be synchronous: a returned promise is refused, as better-sqlite3 does.
 * - `query`: outside a transaction each statement commits on its own. Inside one, each statement runs under its own
 *   savepoint, because SQLite undoes only a failed statement and lets the transaction go on, whereas PostgreSQL
 *   would refuse every later statement ("current transaction is aborted"). This costs two more round trips per
 *   statement inside a transaction.
 */
function transactions(client: PgNativeClient): { query: Query; transaction: Store['transaction'] } {
  let depth = 0;
  const query: Query = <Row>(sql: string, ...params: (string | null)[]): Row[] => {
    if (depth === 0) return client.querySync<Row>(sql, params);
    client.querySync('SAVEPOINT healthgpt_statement');
    try {
      const rows = client.querySync<Row>(sql, params);
      client.querySync('RELEASE SAVEPOINT healthgpt_statement');
      return rows;
    } catch (error) {
      client.querySync('ROLLBACK TO SAVEPOINT healthgpt_statement');
      client.querySync('RELEASE SAVEPOINT healthgpt_statement');
      throw error;
    }
  };
  const transaction = <T>(work: () => T): T => {
    const outermost = depth === 0;
    const savepoint = `healthgpt_${depth}`;
    client.querySync(outermost ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    depth += 1;
    let ended = false;
    try {
      const result = work();
      if (isPromiseLike(result)) throw new TypeError('Transaction function cannot return a promise');
      // A COMMIT that fails (e.g. a deferred constraint) has already ended the transaction: no ROLLBACK after it.
      ended = true;
      client.querySync(outermost ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      if (!ended && outermost) {
        client.querySync('ROLLBACK');
      } else if (!ended) {
        client.querySync(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        client.querySync(`RELEASE SAVEPOINT ${savepoint}`);
      }
      throw error;
    } finally {
      depth -= 1;
    }
  };
  return { query, transaction };
}

function isPromiseLike(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

interface ContentRow<T> {
  content: T;
}

const total = (rows: { total: string }[]) => Number(rows[0]?.total ?? 0);

function postgresCases(query: Query, transaction: <T>(work: () => T) => T): CaseRepository {
  const get = (id: string) => {
    const row = query<ContentRow<unknown>>('SELECT content FROM cases WHERE id = $1', id)[0];
    return row ? readStoredCaseOrThrow(id, row.content) : undefined;
  };
  return {
    create(newCase: NewClinicalCase) {
      const at = now();
      const stored = prepareCase(newCase, { id: randomUUID(), createdAt: at, updatedAt: at, version: 1 });
      query(
        'INSERT INTO cases (id, created_at, updated_at, content) VALUES ($1, $2, $3, $4)',
        stored.id,
        at,
        at,
        JSON.stringify(stored),
      );
      return stored;
    },
    get,
    list({ limit = 50, offset = 0 } = {}) {
      const items: StoredClinicalCase[] = [];
      const unreadable: { id: string; error: string }[] = [];
      for (const row of query<ContentRow<unknown> & { id: string }>(
        'SELECT id, content FROM cases ORDER BY updated_at DESC, id LIMIT $1 OFFSET $2',
        String(limit),
        String(offset),
      )) {
        const read = readStoredCase(row.id, row.content);
        if (read.ok) items.push(read.value);
        else unreadable.push({ id: row.id, error: read.reason });
      }
      return {
        items,
        total: total(query('SELECT count(*) AS total FROM cases')),
        ...(unreadable.length > 0 ? { unreadable } : {}),
      };
    },
    update(id, content, options = {}) {
      return transaction(() => {
        // FOR UPDATE: a concurrent writer waits here, so the version compared is the version replaced.
        const row = query<ContentRow<Partial<ClinicalCase>>>(
          'SELECT content FROM cases WHERE id = $1 FOR UPDATE',
          id,
        )[0];
        if (!row) return undefined;
        const current = versionOf(row.content ?? {});
        if (options.ifVersion !== undefined && options.ifVersion !== current)
          throw staleVersion(id, options.ifVersion, current);
        const stored = prepareCase(content, {
          id,
          createdAt: typeof row.content?.createdAt === 'string' ? row.content.createdAt : now(),
          updatedAt: now(),
          version: current + 1,
        });
        query(
          'UPDATE cases SET updated_at = $1, content = $2 WHERE id = $3',
          stored.updatedAt,
          JSON.stringify(stored),
          id,
        );
        return stored;
      });
    },
  };
}

function postgresAssessments(query: Query): AssessmentRepository {
  return {
    create(assessment: NewAssessment) {
      const stored = checkAssessment({ ...assessment, id: randomUUID(), createdAt: now() });
      query(
        'INSERT INTO assessments (id, case_id, engine_id, created_at, content) VALUES ($1, $2, $3, $4, $5)',
        stored.id,
        stored.caseId,
        stored.engineId,
        stored.createdAt,
        JSON.stringify(stored),
      );
      return stored;
    },
    get: (id) =>
      query<ContentRow<Assessment>>('SELECT content FROM assessments WHERE id = $1', id)[0]?.content,
    listForCase: (caseId) =>
      query<ContentRow<Assessment>>(
        'SELECT content FROM assessments WHERE case_id = $1 ORDER BY created_at, id',
        caseId,
      ).map((row) => row.content),
  };
}

function postgresAudit(query: Query, transaction: Store['transaction']): AuditLog {
  const search = (filter: AuditFilter = {}) => {
    const { where, params } = auditWhere(filter, (n) => `$${n}`);
    const limit = filter.limit ?? 100;
    const offset = filter.offset ?? 0;
    const rows = query<AuditRow>(
      `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      ...params,
      String(limit),
      String(offset),
    );
    const count = query<{ total: string }>(`SELECT count(*) AS total FROM audit_log ${where}`, ...params);
    return { items: rows.map(auditRowToEvent), total: total(count) };
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
      transaction(() => {
        // One writer at a time reads the last hash and appends, so two connections never chain to the same entry.
        query('LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE');
        const last = query<{ hash: string }>(
          'SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1',
        );
        const prevHash = last[0]?.hash ?? GENESIS_HASH;
        const at = now();
        query(
          `INSERT INTO audit_log (at, actor, role, client_address, action, resource_type, resource_id, request_id,
             client_request_id, outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          at,
          enriched.actor,
          enriched.role ?? null,
          enriched.clientAddress ?? null,
          enriched.action,
          enriched.resourceType,
          enriched.resourceId ?? null,
          enriched.requestId ?? null,
          enriched.clientRequestId ?? null,
          enriched.outcome,
          prevHash,
          auditEntryHash(prevHash, { ...enriched, at }),
        );
      });
    },
    list({ limit = 100, resourceId } = {}) {
      return search({ limit, ...(resourceId !== undefined ? { resourceId } : {}) }).items;
    },
    search,
    verify: () =>
      verifyAuditChain(query<AuditRow>('SELECT * FROM audit_log ORDER BY id').map(auditRowToEvent)),
  };
}

const isUniqueViolation = (error: unknown) => /duplicate key|23505/.test(String(error));

function postgresUsers(query: Query): UserRepository {
  return {
    create({ name, role, passwordHash }) {
      const account: UserAccount = { id: randomUUID(), name, role, createdAt: now() };
      try {
        query(
          'INSERT INTO users (id, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
          account.id,
          name,
          role,
          passwordHash,
          account.createdAt,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateUserError(name, error);
        throw error;
      }
      return account;
    },
    get(id) {
      const row = query<UserRow>('SELECT * FROM users WHERE id = $1', id)[0];
      return row ? userRowToAccount(row) : undefined;
    },
    findByName(name) {
      const row = query<UserRow>('SELECT * FROM users WHERE name = $1', name)[0];
      return row ? { ...userRowToAccount(row), passwordHash: row.password_hash } : undefined;
    },
    list: () => query<UserRow>('SELECT * FROM users ORDER BY name').map(userRowToAccount),
    count: () => total(query<{ total: string }>('SELECT count(*) AS total FROM users')),
    setPassword: (id, passwordHash) =>
      query<{ id: string }>(
        'UPDATE users SET password_hash = $1 WHERE id = $2 RETURNING id',
        passwordHash,
        id,
      ).length > 0,
    disable: (id) =>
      query<{ id: string }>(
        'UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL RETURNING id',
        now(),
        id,
      ).length > 0,
  };
}

function postgresTokens(query: Query): TokenRepository {
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
      query(
        `INSERT INTO tokens (id, token_hash, kind, name, role, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
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
      const row = query<TokenRow>('SELECT * FROM tokens WHERE token_hash = $1', tokenHash)[0];
      return row ? tokenRowToRecord(row) : undefined;
    },
    get(id) {
      const row = query<TokenRow>('SELECT * FROM tokens WHERE id = $1', id)[0];
      return row ? tokenRowToRecord(row) : undefined;
    },
    list: ({ kind } = {}) =>
      (kind
        ? query<TokenRow>('SELECT * FROM tokens WHERE kind = $1 ORDER BY created_at DESC, id', kind)
        : query<TokenRow>('SELECT * FROM tokens ORDER BY created_at DESC, id')
      ).map(tokenRowToRecord),
    revoke: (id) =>
      query<{ id: string }>(
        'UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id',
        now(),
        id,
      ).length > 0,
    touch: (id, at) =>
      query<{ id: string }>('UPDATE tokens SET last_used_at = $1 WHERE id = $2 RETURNING id', at, id).length >
      0,
  };
}

function postgresDocuments(query: Query): DocumentStore {
  return {
    collection<T>(name: string, keyOf?: (document: T) => string | undefined): DocumentCollection<T> {
      return {
        put(id, document) {
          query(
            `INSERT INTO documents (collection, id, key, updated_at, content) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (collection, id) DO UPDATE SET key = excluded.key, updated_at = excluded.updated_at, content = excluded.content`,
            name,
            id,
            keyOf?.(document) ?? null,
            now(),
            JSON.stringify(document),
          );
        },
        get: (id) =>
          query<ContentRow<T>>('SELECT content FROM documents WHERE collection = $1 AND id = $2', name, id)[0]
            ?.content,
        delete: (id) =>
          query('DELETE FROM documents WHERE collection = $1 AND id = $2 RETURNING id', name, id).length > 0,
        list({ limit = 50, offset = 0, key } = {}) {
          const byKey = key === undefined ? '' : ' AND key = $2';
          const filter = key === undefined ? [name] : [name, key];
          const next = filter.length + 1;
          const rows = query<ContentRow<T> & { id: string }>(
            `SELECT id, content FROM documents WHERE collection = $1${byKey} ORDER BY updated_at DESC, id LIMIT $${next} OFFSET $${next + 1}`,
            ...filter,
            String(limit),
            String(offset),
          );
          return {
            items: rows.map((row) => ({ id: row.id, document: row.content })),
            total: total(
              query(`SELECT count(*) AS total FROM documents WHERE collection = $1${byKey}`, ...filter),
            ),
          };
        },
      };
    },
  };
}

function postgresBlobs(query: Query): BlobStore {
  return {
    put(bytes, contentType) {
      const id = randomUUID();
      query(
        'INSERT INTO blobs (id, content_type, created_at, bytes) VALUES ($1, $2, $3, $4)',
        id,
        contentType,
        now(),
        `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`,
      );
      return id;
    },
    get(id) {
      const row = query<{ content_type: string; bytes: Buffer }>(
        'SELECT content_type, bytes FROM blobs WHERE id = $1',
        id,
      )[0];
      return row ? { bytes: new Uint8Array(row.bytes), contentType: row.content_type } : undefined;
    },
  };
}

/** The connection string with any password replaced by `***`, for error messages and logs. */
export function redactConnectionString(connectionString: string): string {
  if (/^postgres(ql)?:\/\//i.test(connectionString)) {
    try {
      const url = new URL(connectionString);
      if (url.password) url.password = '***';
      for (const name of [...url.searchParams.keys()]) {
        if (name.toLowerCase() === 'password') url.searchParams.set(name, '***');
      }
      return url.toString();
    } catch {
      return 'postgresql://(unparseable URL)';
    }
  }
  return connectionString.replace(/(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi, '$1***');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().split('\n')[0] ?? '';
}
