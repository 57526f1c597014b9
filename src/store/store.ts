import type { Assessment, NewAssessment } from '../clinical/assessment.js';
import type { ClinicalCase, NewClinicalCase } from '../clinical/case.js';

/** One page of a listing, newest first. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface CaseRepository {
  create(newCase: NewClinicalCase): ClinicalCase;
  get(id: string): ClinicalCase | undefined;
  list(options?: { limit?: number; offset?: number }): Page<ClinicalCase>;
  /** Replaces the case's content (not its id or creation time); returns undefined when no such case. */
  update(id: string, content: NewClinicalCase): ClinicalCase | undefined;
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
  /** Who: a user or client id, or `cli`, `system`. */
  readonly actor: string;
  /** What: e.g. `case.create`, `assessment.create`, `fhir.import`. */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly requestId?: string;
  readonly outcome: 'success' | 'failure';
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'>;

export interface AuditLog {
  record(event: NewAuditEvent): void;
  list(options?: { limit?: number; resourceId?: string }): readonly AuditEvent[];
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
  readonly documents: DocumentStore;
  readonly blobs: BlobStore;
  /** Runs `work` atomically: all its writes are committed together or none are. */
  transaction<T>(work: () => T): T;
  close(): void;
}
