import type { PatientContext } from '../../clinical/patient.js';
import type { Concept, QuestionRegisters } from './types.js';

/** Age from which questions use the older-adult register (plain, short words). */
export const OLDER_ADULT_MIN_AGE_YEARS = 65;
/** Age under which questions use the child / caregiver register. */
export const CHILD_MAX_AGE_YEARS_EXCLUSIVE = 16;

/**
 * The register to word questions in for this patient: `olderAdult` from 65 years, `child` under 16 years or when a
 * caregiver answers for the patient, `adult` otherwise (and when age is unknown).
 */
export function registerFor(patient: PatientContext): keyof QuestionRegisters {
  const age = patient.ageYears;
  if (age !== undefined && age >= OLDER_ADULT_MIN_AGE_YEARS) return 'olderAdult';
  if ((age !== undefined && age < CHILD_MAX_AGE_YEARS_EXCLUSIVE) || patient.caregiverAnswering)
    return 'child';
  return 'adult';
}

/** The question for `concept`, worded for `patient` (see `registerFor`). */
export function questionFor(concept: Concept, patient: PatientContext): string {
  return concept.questions[registerFor(patient)];
}
