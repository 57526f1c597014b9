import { z } from 'zod';
import { MAX_AGE_YEARS } from '../clinical/patient.js';

/**
 * Zod fields shared by the risk models, in clinical units, with messages that name the unit and the valid range so
 * that a 400 problem document says what was wrong (e.g. a BUN in mg/dL typed into `ureaMmolL`).
 */

/** A type-error message that says "required" when the value is missing. */
export function typeError(message: string) {
  return (issue: { readonly input?: unknown }) =>
    issue.input === undefined ? `required (${message})` : message;
}

/** Age in completed years, 0–120. */
export function ageYears(description = 'Age in completed years (0–120).') {
  return z
    .number({ error: typeError('age must be a number of years') })
    .min(0, { error: 'age must be 0 or more years' })
    .max(MAX_AGE_YEARS, { error: `age must be at most ${MAX_AGE_YEARS} years` })
    .describe(description);
}

/** A yes/no clinical fact. */
export function flag(description: string) {
  return z.boolean({ error: typeError('must be true or false') }).describe(description);
}

/** A positive measurement with a plausible range; the message names the unit. */
export function measurement(unit: string, min: number, max: number, description: string, hint = '') {
  return z
    .number({ error: typeError(`must be a number in ${unit}`) })
    .min(min, { error: `must be at least ${min} ${unit}` })
    .max(max, { error: `must be at most ${max} ${unit}${hint ? `: ${hint}` : ''}` })
    .describe(description);
}

/** A nodule diameter in millimetres: positive, at most 300 mm (larger values are not lung or thyroid nodules). */
export function diameterMm(description: string) {
  return z
    .number({ error: typeError('must be a number of millimetres') })
    .gt(0, { error: 'a diameter must be greater than 0 mm' })
    .max(300, { error: 'a diameter must be at most 300 mm (is the value in mm?)' })
    .describe(description);
}

/** An enum whose message lists the allowed values. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: typeError(`must be one of: ${values.join(', ')}`) }).describe(description);
}

/**
 * A lung nodule or lesion diameter in millimetres: positive, at most 100 mm. Larger values are refused as input
 * errors (a value in tenths of a mm, or a whole-lung finding); lesions over 30 mm are masses, which the nodule
 * models and guidelines answer "not applicable" for.
 */
export function lungDiameterMm(description: string) {
  return z
    .number({ error: typeError('must be a number of millimetres') })
    .gt(0, { error: 'a diameter must be greater than 0 mm' })
    .max(100, {
      error:
        'a lung nodule diameter must be at most 100 mm (is the value in mm? lesions over 30 mm are masses)',
    })
    .describe(description);
}

/** A nodule volume in mm³ (volumetry), 1 to 600,000 (a 100 mm sphere is about 524,000 mm³). */
export function volumeMm3(description: string) {
  return z
    .number({ error: typeError('must be a number of cubic millimetres') })
    .positive({ error: 'a volume must be greater than 0 mm³' })
    .max(600_000, { error: 'a nodule volume must be at most 600,000 mm³ (is the value in mm³?)' })
    .describe(description);
}
