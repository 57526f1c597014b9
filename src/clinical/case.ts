import type { Finding } from './finding.js';
import type { ImageReference } from './image.js';
import type { Observation } from './observation.js';
import type { PatientContext } from './patient.js';

/** The aggregate a clinician works on: one patient encounter with everything known about it. */
export interface ClinicalCase {
  readonly id: string;
  /** A short label the clinician recognises (never required to hold identifying data). */
  readonly title: string;
  readonly patient: PatientContext;
  readonly findings: readonly Finding[];
  readonly observations: readonly Observation[];
  readonly images: readonly ImageReference[];
  /** Free text of the consultation, if any (PHI: kept in the case, never written to logs). */
  readonly note?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * Version of the stored case, 1 on creation and one more on every change; sent as the `ETag` and required as
   * `If-Match` on updates so that no change is silently lost. Set by the store (absent on cases never stored).
   */
  readonly version?: number;
}

/** A case as the store returns it: always with its version. */
export type StoredClinicalCase = ClinicalCase & { readonly version: number };

/** What a client sends to create a case: the server assigns id and times. */
export type NewClinicalCase = Omit<ClinicalCase, 'id' | 'createdAt' | 'updatedAt'>;
