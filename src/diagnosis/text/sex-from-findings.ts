import type { Finding } from '../../clinical/finding.js';
import type { Sex } from '../../clinical/patient.js';

/** Findings only one sex can have: the anatomy named says who the patient is when the text does not. */
const MALE_ONLY = /testic|scrot|penis|penile|prostat|erectile/i;
// Not breastfeeding or postpartum: in a parent's story about a baby they describe the mother, not the patient.
const FEMALE_ONLY = /pregnan|menstru|vagin|uter|ovar|period/i;

/**
 * The patient's sex implied by their own present findings ("my right testicle is painful" → male; "I'm 8 weeks
 * pregnant" → female), or undefined when none or both kinds are present. Used only when neither the caller nor
 * the text states the sex, so that, for example, pregnancy is not proposed for a painful testicle.
 */
export function sexFromFindings(findings: readonly Finding[]): Sex | undefined {
  const own = findings.filter((f) => f.status === 'present' && (f.experiencer ?? 'patient') === 'patient');
  const male = own.some((f) => MALE_ONLY.test(f.conceptId));
  const female = own.some((f) => FEMALE_ONLY.test(f.conceptId));
  return male === female ? undefined : male ? 'male' : 'female';
}
