import type { ClinicalCase } from '../../clinical/case.js';
import { caseFromPrefetch as fromPrefetch } from '../../fhir/prefetch.js';
import type { CdsRequest } from './service.js';

export { PATIENT_PREFETCH } from '../../fhir/prefetch.js';

/** A transient case from a CDS Hooks request's prefetched resources (see `src/fhir/prefetch.ts`). */
export function caseFromPrefetch(request: CdsRequest): ClinicalCase {
  return fromPrefetch(request.prefetch, request);
}
