import type { SourceRecord } from './source.js';
import type { TextSpan } from './span.js';

/** A code from a terminology (LOINC, SNOMED CT, ICD-10 …). */
export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** A measured value with its UCUM unit (https://ucum.org/ucum), e.g. `{ value: 6.2, unit: 'ng/mL' }`. */
export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

export interface ReferenceRange {
  readonly low?: Quantity;
  readonly high?: Quantity;
}

/** A vital sign or laboratory result. */
export interface Observation {
  readonly code: Coding;
  readonly value: Quantity;
  readonly referenceRange?: ReferenceRange;
  /** ISO 8601 date-time the value was measured, when known. */
  readonly effectiveDateTime?: string;
  /** The text the value was read from, as written (e.g. `BP 140/90`), kept beside the normalised value. */
  readonly sourceSpan?: TextSpan;
  /** The coded record (FHIR resource) this value was imported from, as sent. */
  readonly source?: SourceRecord;
}

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
