import type { Role } from '../auth/roles.js';
import type { Assessment, NewAssessment } from '../clinical/assessment.js';
import type { NewClinicalCase, StoredClinicalCase } from '../clinical/case.js';

/** One page of a listing, newest first. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  /** Stored records of this page that failed to read: listed by id, never breaking the list. */
  readonly unreadable?: readonly { readonly id: string; readonly error: string }[];
}

export interface CaseRepository {
  create(newCase: NewClinicalCase): StoredClinicalCase;
  get(id: string): StoredClinicalCase | undefined;
  list(options?: { limit?: number; offset?: number }): Page<StoredClinicalCase>;
  /**
   * Replaces the case's content (not its id or creation time) and adds one to its version; returns undefined when no
   * such case. With `ifVersion`, throws `precondition-failed` unless the stored version is that one (no lost
   * updates). Every store validates the case before writing (`unprocessable` when it would not be valid) and
   * `get` throws an `internal` error naming the case when a stored case cannot be read.
   */
  update(
    id: string,
    content: NewClinicalCase,
    options?: { ifVersion?: number },
  ): StoredClinicalCase | undefined;
}

export interface AssessmentRepository {
  create(assessment: NewAssessment): Assessment;
  get(id: string): Assessment | undefined;
  listForCase(caseId: string): readonly Assessment[];
}

/** One audit event: who did what to which resource and when. Never holds free-text PHI. */
export interface AuditEvent {
  readonly id: number;
  readonly at: string;
  /** Who: a principal id (`user:alice`, `token:scanner`, `oidc:…`, `cds:…`), or `cli`, `system`, `anonymous`. */
  readonly actor: string;
  /** The actor's role when the event was recorded (absent for `cli` / `system`). */
  readonly role?: string;
  /** The client's network address (HTTP requests). */
  readonly clientAddress?: string;
  /** What: e.g. `case.create`, `case.read`, `assessment.create`, `fhir.import`. */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  /** The id the server gave the request. */
  readonly requestId?: string;
  /** The id the client sent in `X-Request-Id` (validated: at most 64 of `A-Z a-z 0-9 . _ : -`). */
  readonly clientRequestId?: string;
  readonly outcome: 'success' | 'failure';
  /** SHA-256 (hex) of the previous chained entry's `hash` and this entry (`src/store/audit-chain.ts`). */
  readonly hash?: string;
  readonly prevHash?: string;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at' | 'hash' | 'prevHash'>;

export interface AuditFilter {
  readonly limit?: number;
  readonly offset?: number;
  readonly resourceId?: string;
  readonly resourceType?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly outcome?: 'success' | 'failure';
  /** ISO 8601 instants, inclusive. */
  readonly since?: string;
  readonly until?: string;
}

/** What `AuditLog.verify` found walking the hash chain from the first entry. */
export interface AuditVerification {
  readonly ok: boolean;
  /** Chained entries checked. */
  readonly checked: number;
  /** Entries from before the chain existed (schema version 1), not covered. */
  readonly unchained: number;
  /** `hash` of the newest entry: keep a copy elsewhere to detect a cut-off tail. */
  readonly head?: string;
  /** The first entry whose hash or link does not match, when `ok` is false. */
  readonly brokenAt?: { readonly id: number; readonly reason: string };
}

/**
 * The append-only audit log. Each entry is chained to the one before by a SHA-256 hash, so an edited, removed or
 * re-ordered entry is detected by `verify`; the databases refuse UPDATE and DELETE on it.
 */
export interface AuditLog {
  record(event: NewAuditEvent): void;
  list(options?: { limit?: number; resourceId?: string }): readonly AuditEvent[];
  /** Newest first, filtered and paged. */
  search(filter?: AuditFilter): Page<AuditEvent>;
  verify(): AuditVerification;
}

/** A local account. Its password hash never leaves the store except through `findByName`. */
export interface UserAccount {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly disabledAt?: string;
}

export interface UserRepository {
  /** Throws a conflict `HealthGptError` when the name is taken. */
  create(user: { name: string; role: Role; passwordHash: string }): UserAccount;
  get(id: string): UserAccount | undefined;
  findByName(name: string): (UserAccount & { readonly passwordHash: string }) | undefined;
  list(): readonly UserAccount[];
  count(): number;
  setPassword(id: string, passwordHash: string): boolean;
  disable(id: string): boolean;
}

export type TokenKind = 'api' | 'session' | 'setup';

/** An issued bearer secret (API token, web session, first-run setup link): only its SHA-256 is stored. */
export interface TokenRecord {
  readonly id: string;
  readonly kind: TokenKind;
  readonly name: string;
  readonly role: Role;
  readonly userId?: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt?: string;
  /** When it last let a request in (recorded at most about once a minute). */
  readonly lastUsedAt?: string;
}

export interface TokenRepository {
  create(token: {
    tokenHash: string;
    kind: TokenKind;
    name: string;
    role: Role;
    userId?: string;
    expiresAt: string;
  }): TokenRecord;
  findByHash(tokenHash: string): TokenRecord | undefined;
  get(id: string): TokenRecord | undefined;
  /** Newest first. */
  list(options?: { kind?: TokenKind }): readonly TokenRecord[];
  /** Marks the token revoked; false when no such token or already revoked. */
  revoke(id: string): boolean;
  /** Records that the token was used at `at` (ISO 8601); false when no such token. */
  touch(id: string, at: string): boolean;
}

/**
 * A JSON document store by collection, for capability-specific records (interview sessions, forecasts, image
 * analyses …) so that capabilities never touch SQL and a PostgreSQL store can serve them unchanged.
 */
export interface DocumentCollection<T> {
  put(id: string, document: T): void;
  get(id: string): T | undefined;
  delete(id: string): boolean;
  /** Newest first; `key` filters on the secondary key given to `put` (e.g. a case id). */
  list(options?: { limit?: number; offset?: number; key?: string }): Page<{ id: string; document: T }>;
}

export interface DocumentStore {
  collection<T>(name: string, keyOf?: (document: T) => string | undefined): DocumentCollection<T>;
}

/** Binary objects (uploaded images, rendered heatmaps). */
export interface BlobStore {
  put(bytes: Uint8Array, contentType: string): string;
  get(id: string): { bytes: Uint8Array; contentType: string } | undefined;
}

/** Everything HealthGPT stores, behind one interface: SQLite by default, PostgreSQL in larger deployments. */
export interface Store {
  readonly cases: CaseRepository;
  readonly assessments: AssessmentRepository;
  readonly audit: AuditLog;
  readonly users: UserRepository;
  readonly tokens: TokenRepository;
  readonly documents: DocumentStore;
  readonly blobs: BlobStore;
  /** Runs `work` atomically: all its writes are committed together or none are. */
  transaction<T>(work: () => T): T;
  close(): void;
  /**
   * Where the store lives, so a worker thread can open its own connection to the same database (absent for an
   * in-memory database, which only its own thread can reach).
   */
  readonly location?: StoreLocation;
}

/** How to open the same store again (in a worker thread). Holds the database key: never log it. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string; readonly key?: string }
  | { readonly kind: 'postgres'; readonly connectionString: string };
