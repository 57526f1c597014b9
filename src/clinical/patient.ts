/** Administrative sex as used by the clinical models (FHIR AdministrativeGender). */
export type Sex = 'female' | 'male' | 'other' | 'unknown';

/** What every engine may know about the patient in front of the clinician. */
export interface PatientContext {
  /** Age in completed years, 0–120. */
  readonly ageYears?: number;
  readonly sex?: Sex;
  /** True when a caregiver answers for the patient (a child, say): changes how questions are worded. */
  readonly caregiverAnswering?: boolean;
}

export const MAX_AGE_YEARS = 120;
