import type { SourceRecord } from './source.js';
import type { TextSpan } from './span.js';

/** Whether a finding was established present, established absent (negated), or asked and not known. */
export type FindingStatus = 'present' | 'absent' | 'unknown';

/** ConText temporality (Harkema 2009). */
export type Temporality = 'recent' | 'historical' | 'hypothetical';

/** ConText experiencer: the patient, or someone else (a relative, for family history). */
export type Experiencer = 'patient' | 'other';

export type Certainty = 'definite' | 'possible';

/**
 * One clinical finding about the patient: a symptom, sign or antecedent, identified by a knowledge-base concept id
 * (e.g. `fever`, `pain.location.chest`).
 */
export interface Finding {
  readonly conceptId: string;
  /** Human-readable name, kept when the concept came from another terminology (e.g. a FHIR coding's display). */
  readonly label?: string;
  readonly status: FindingStatus;
  /** Value for categorical, multi-choice or scale concepts (e.g. a pain location id, or 7 on a 0–10 scale). */
  readonly value?: string | number | boolean | readonly string[];
  readonly onset?: string;
  readonly durationDays?: number;
  readonly temporality?: Temporality;
  readonly experiencer?: Experiencer;
  readonly certainty?: Certainty;
  /** Where in the source text this finding was read, if it came from text. */
  readonly sourceSpan?: TextSpan;
  /** The coded record (FHIR resource) this finding was imported from, as sent. */
  readonly source?: SourceRecord;
}
