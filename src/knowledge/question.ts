import type { PatientContext } from '../clinical/patient.js';
import type { Concept, QuestionRegisters } from './types.js';

/** Age from which questions use the older-adult register (plain, short words). */
export const OLDER_ADULT_MIN_AGE_YEARS = 65;
/** Age under which questions use the child register (worded for the parent or caregiver: "your child"). */
export const CHILD_MAX_AGE_YEARS_EXCLUSIVE = 16;

/**
 * The register to word questions in for this patient, by age alone: `child` under 16 years (the caregiver's
 * wording about "your child"), `olderAdult` from 65 years, `adult` otherwise and when age is unknown.
 *
 * A caregiver answering for an adult does not make the adult a child: the child register would ask a carer about
 * "your child" for a 40-year-old. The knowledge base has no register worded to a carer about an adult (all three
 * address the patient or a child's parent), so an adult's questions keep the adult (16–64) or older-adult (65+)
 * register, which the carer can put to the patient or answer for them.
 */
export function registerFor(patient: PatientContext): keyof QuestionRegisters {
  const age = patient.ageYears;
  if (age !== undefined && age < CHILD_MAX_AGE_YEARS_EXCLUSIVE) return 'child';
  if (age !== undefined && age >= OLDER_ADULT_MIN_AGE_YEARS) return 'olderAdult';
  return 'adult';
}

/** The question for `concept`, worded for `patient` (see `registerFor`). */
export function questionFor(concept: Concept, patient: PatientContext): string {
  return concept.questions[registerFor(patient)];
}
