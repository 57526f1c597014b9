import type { Coding } from './observation.js';

/**
 * Where a finding or observation came from when it was imported from a coded record (a FHIR resource), kept so that
 * the record shows what was sent (names, every coding) and exports back as the same resource type with the same
 * codes. Items a clinician or the intake wrote have no source.
 */
export interface SourceRecord {
  /** FHIR resource type the item was read from: `Condition`, `Observation`, `AllergyIntolerance`, … */
  readonly resourceType: string;
  /** The resource's `id`, when it had one. */
  readonly id?: string;
  /** Every coding of the resource's code, as sent (system, code, display). */
  readonly coding?: readonly Coding[];
  /** `CodeableConcept.text` of the code, as sent. */
  readonly text?: string;
  /** An Observation's coded answer (`valueCodeableConcept`), every coding as sent. */
  readonly valueCoding?: readonly Coding[];
  /** The panel Observation this value was a component of (e.g. LOINC 85354-9 blood pressure panel). */
  readonly panel?: { readonly id?: string; readonly coding: readonly Coding[] };
  /** Status codes as sent (Condition clinical and verification status, Medication or Procedure status). */
  readonly status?: string;
  readonly verificationStatus?: string;
  /**
   * Set on a finding HealthGPT derived from the record rather than read from one resource (e.g. fever from a body
   * temperature ≥ 38.0 °C): the rule, in words. Export leaves derived findings out (the record already holds what
   * they were derived from).
   */
  readonly derived?: string;
}
