import type { ClinicalCase } from '../clinical/case.js';
import { bundleToCase, FhirImportError } from './import-bundle.js';

/**
 * The FHIR queries a CDS Hooks `patient-view` service asks the EHR to prefetch
 * (https://cds-hooks.hl7.org/2.0/#prefetch-template): the Patient, its Observations and its Conditions.
 */
export const PATIENT_PREFETCH: Record<string, string> = {
  patient: 'Patient/{{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resources in a prefetch value: a single resource, or the entries of a search-set Bundle. */
function resourcesOf(value: unknown): unknown[] {
  if (!isRecord(value)) return [];
  if (value.resourceType === 'Bundle') {
    return Array.isArray(value.entry) ? value.entry.map((e) => (isRecord(e) ? e.resource : undefined)) : [];
  }
  return [value];
}

/**
 * A transient case from prefetched FHIR resources (a CDS Hooks request's `prefetch`), read with the same importer as
 * `POST /v1/fhir/import`. Throws `FhirImportError` when a resource cannot be read.
 */
export function caseFromPrefetch(
  prefetch: Record<string, unknown> | undefined,
  request: { readonly hook: string; readonly hookInstance: string },
): ClinicalCase {
  // A prefetch value is a FHIR resource, a search-set Bundle, or null (the EHR could not fetch it). Anything else is
  // refused: reading it as "no data" would answer with no cards, which looks like "nothing to flag" (issue 12).
  const wrong = Object.entries(prefetch ?? {}).flatMap(([key, value]) => {
    if (value === null) return [];
    if (!isRecord(value) || typeof value.resourceType !== 'string')
      return [{ field: `/prefetch/${key}`, message: 'expected a FHIR resource, a Bundle, or null' }];
    if (key === 'patient' && value.resourceType !== 'Patient')
      return [
        { field: `/prefetch/${key}/resourceType`, message: `expected a Patient, got ${value.resourceType}` },
      ];
    return [];
  });
  if (wrong.length > 0) throw new FhirImportError(wrong);
  const resources = Object.values(prefetch ?? {})
    .flatMap(resourcesOf)
    .filter(isRecord);
  const newCase = bundleToCase(
    { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) },
    { title: `CDS Hooks ${request.hook}` },
  );
  const now = new Date().toISOString();
  return { ...newCase, id: `cds-${request.hookInstance}`, createdAt: now, updatedAt: now };
}
