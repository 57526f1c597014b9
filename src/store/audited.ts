import type { NewClinicalCase, StoredClinicalCase } from '../clinical/case.js';
import type { Store } from './store.js';

/** Who asked for a change, for the audit log. */
export interface AuditContext {
  readonly actor: string;
  readonly action: string;
  readonly requestId?: string;
}

/** Creates a case and its audit event in one transaction: both are stored, or neither. */
export function createCaseAudited(
  store: Store,
  newCase: NewClinicalCase,
  audit: AuditContext,
): StoredClinicalCase {
  return store.transaction(() => {
    const stored = store.cases.create(newCase);
    store.audit.record({ ...audit, resourceType: 'case', resourceId: stored.id, outcome: 'success' });
    return stored;
  });
}
