import type { AppContext } from '../../app/context.js';
import type { CdsCard } from '../../engine/cds-card.js';

/** CDS Hooks 2.0 request (https://cds-hooks.hl7.org/2.0/#http-request). */
export interface CdsRequest {
  readonly hook: string;
  readonly hookInstance: string;
  readonly context: Record<string, unknown>;
  readonly prefetch?: Record<string, unknown>;
  readonly fhirServer?: string;
}

/** One CDS Hooks service: discovery fields plus the handler that makes its cards. */
export interface CdsService {
  readonly id: string;
  readonly hook: string;
  readonly title: string;
  readonly description: string;
  /** FHIR queries the EHR should prefetch, by key (e.g. `{ patient: 'Patient/{{context.patientId}}' }`). */
  readonly prefetch?: Record<string, string>;
  handle(request: CdsRequest, context: AppContext): Promise<readonly CdsCard[]> | readonly CdsCard[];
}
