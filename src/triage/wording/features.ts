import type { Finding } from '../../clinical/finding.js';
import { wordingTokens } from './tokens.js';

/** What the emergency-wording model is given about one note. */
export interface WordingInput {
  readonly text: string;
  readonly ageYears?: number;
  /** Findings the intake read from the same text (both readings: knowledge-base and open-world concepts). */
  readonly kbFindings: readonly Finding[];
  readonly openWorldFindings: readonly Finding[];
}

/** Age bands of the model (upper bounds in years): infants under 3 months, children, older adults. */
const AGE_BANDS: readonly (readonly [maxYears: number, band: string])[] = [
  [0.25, '<0.25'],
  [1, '<1'],
  [5, '<5'],
  [16, '<16'],
  [65, '<65'],
  [80, '<80'],
];

export function ageBand(ageYears: number): string {
  return AGE_BANDS.find(([max]) => ageYears < max)?.[1] ?? '80+';
}

/** A finding the patient has now: present, not a past one, not a relative's. */
const reportedNow = (finding: Finding) =>
  finding.status === 'present' && finding.temporality !== 'historical' && finding.experiencer !== 'other';

/**
 * The model's binary features of a note: `w:` words and word pairs (`tokens.ts`), `k:` and `o:` the concepts the
 * intake read as present now (knowledge-base and open-world), `age:` the age band. Each counts once.
 */
export function wordingFeatures(input: WordingInput): ReadonlySet<string> {
  const features = new Set<string>(wordingTokens(input.text).map((token) => `w:${token}`));
  for (const finding of input.kbFindings) if (reportedNow(finding)) features.add(`k:${finding.conceptId}`);
  for (const finding of input.openWorldFindings)
    if (reportedNow(finding)) features.add(`o:${finding.conceptId}`);
  if (input.ageYears !== undefined) features.add(`age:${ageBand(input.ageYears)}`);
  return features;
}
