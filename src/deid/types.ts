/**
 * What de-identification finds. Categories follow the HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)), grouped
 * as the PhysioNet deid gold standard groups them where it can.
 */
export const PHI_CATEGORIES = [
  'name',
  'date',
  'age',
  'location',
  'phone',
  'email',
  'url',
  'ip',
  'ssn',
  'id',
  'other',
] as const;
export type PhiCategory = (typeof PHI_CATEGORIES)[number];

/** Which layer decided a removal. */
export type PhiSource = 'pattern' | 'context' | 'dictionary' | 'model';

/** One removal, with why: the layer, the rule (or model feature summary) and a score in 0–1. */
export interface PhiSpan {
  /** 0-based, end-exclusive UTF-16 offsets into the text. */
  readonly start: number;
  readonly end: number;
  readonly category: PhiCategory;
  readonly text: string;
  readonly source: PhiSource;
  /** Stable rule id (`pattern.phone`, `context.title`, `model.perceptron`). */
  readonly rule: string;
  /** Confidence in 0–1: 1 for checksummed patterns, lower for context rules, the model's calibrated share otherwise. */
  readonly score: number;
}
