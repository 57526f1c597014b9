/** Administrative sex as used by the clinical models (FHIR AdministrativeGender). */
export type Sex = 'female' | 'male' | 'other' | 'unknown';

/** What every engine may know about the patient in front of the clinician. */
export interface PatientContext {
  /** Age in years, 0–120: completed years from 2, a fraction below (an 8-month-old is 0.667; see `ageInYears`). */
  readonly ageYears?: number;
  readonly sex?: Sex;
  /** True when a caregiver answers for the patient (a child, say): changes how questions are worded. */
  readonly caregiverAnswering?: boolean;
}

export const MAX_AGE_YEARS = 120;

/** Years per UCUM unit of an age quantity (LOINC 30525-0 "Age" is sent in `a`, `mo`, `wk` or `d`). */
const YEARS_PER_AGE_UNIT: Readonly<Record<string, number>> = {
  a: 1,
  mo: 1 / 12,
  wk: 7 / 365.25,
  d: 1 / 365.25,
};

/** An age quantity in years (`{ value: 8, unit: 'mo' }` → 0.667), or undefined for a unit that is not a time. */
export function ageInYears(quantity: { readonly value: number; readonly unit: string }): number | undefined {
  const perUnit = YEARS_PER_AGE_UNIT[quantity.unit];
  return perUnit === undefined ? undefined : quantity.value * perUnit;
}

/**
 * An age under 2 years in the unit people use for it: months from 3 months, weeks from 2 weeks, else days
 * (0.667 → 8 `mo`, 6 weeks → 6 `wk`); whole units, rounded down (days rounded).
 */
export function infantAgeParts(ageYears: number): {
  readonly value: number;
  readonly unit: 'mo' | 'wk' | 'd';
} {
  const months = ageYears * 12;
  if (months >= 3) return { value: Math.floor(months + 1e-9), unit: 'mo' };
  const days = ageYears / YEARS_PER_AGE_UNIT.d!;
  if (days >= 14) return { value: Math.floor(days / 7 + 1e-9), unit: 'wk' };
  return { value: Math.round(days), unit: 'd' };
}

/**
 * SNOMED CT 419099009 "Dead (finding)": how a case records that the patient has died (the FHIR importer writes it
 * from `Patient.deceased[x]`, its `onset` the date of death when given). Engines that assess the patient now read it.
 */
export const DECEASED_CONCEPT_ID = 'http://snomed.info/sct|419099009';

/** The finding that says the patient has died, when the record holds it. */
export function deceasedFinding<F extends { readonly conceptId: string; readonly status: string }>(
  findings: readonly F[],
): F | undefined {
  return findings.find((f) => f.conceptId === DECEASED_CONCEPT_ID && f.status === 'present');
}
