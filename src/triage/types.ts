import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import type { PatientContext } from '../clinical/patient.js';
import type { PresentationOnset } from './onset.js';

/**
 * The four triage levels, most urgent first:
 * - `emergency`: emergency care now (call the emergency number / go to the emergency department);
 * - `urgent`: be seen the same day;
 * - `routine`: see a doctor within days to weeks;
 * - `self-care`: look after yourself at home, with advice on when to seek help.
 */
export type TriageLevel = 'emergency' | 'urgent' | 'routine' | 'self-care';

export const TRIAGE_LEVELS: readonly TriageLevel[] = ['emergency', 'urgent', 'routine', 'self-care'];

/** Consciousness on the ACVPU scale (NEWS2): alert, new confusion, responds to voice, to pain, unresponsive. */
export type Acvpu = 'alert' | 'confusion' | 'voice' | 'pain' | 'unresponsive';

/**
 * Vital signs for NEWS2, already in NEWS2 units. Every field is optional: NEWS2 is only computed when all seven
 * parameters are known (an incomplete set gives partial sub-scores, reported as such, never a total).
 */
export interface TriageVitals {
  /** Breaths per minute. */
  readonly respiratoryRate?: number;
  /** Peripheral oxygen saturation, percent. */
  readonly spo2Percent?: number;
  /**
   * Use SpO2 scale 2 (target 88–92 %) — only for patients with confirmed hypercapnic respiratory failure, on a
   * clinician's decision. Defaults to scale 1.
   */
  readonly spo2Scale2?: boolean;
  /** True when the patient is breathing supplemental oxygen, false on room air. */
  readonly onOxygen?: boolean;
  /** Systolic blood pressure, mmHg. */
  readonly systolicBp?: number;
  /** Pulse, beats per minute. */
  readonly pulse?: number;
  readonly consciousness?: Acvpu;
  /** Temperature, °C. */
  readonly temperatureC?: number;
}

/** One condition still open in the differential, as triage needs it. */
export interface TriageCondition {
  readonly conditionId: string;
  readonly label: string;
  readonly icd10?: string;
  /** Posterior probability 0–1. */
  readonly probability: number;
  /** Severe, time-critical conditions that must not be missed. */
  readonly mustNotMiss?: boolean;
  /** Optional: the level of care this condition calls for when it is the cause. */
  readonly careLevel?: TriageLevel;
  /**
   * A self-care condition that stays home care however long it has lasted (blepharitis, hay fever, tennis elbow):
   * the differential's self-care path then does not stop at two weeks.
   */
  readonly selfCareAnyCourse?: boolean;
}

export interface TriageInput {
  readonly patient?: PatientContext;
  /** Findings about the patient (present, absent, unknown); only present, recent, patient's own findings raise the level. */
  readonly findings: readonly Finding[];
  /** Vital signs and laboratory observations (LOINC-coded, UCUM units), e.g. from the intake. */
  readonly observations?: readonly Observation[];
  /** Vital signs given directly (they override values read from `observations`). */
  readonly vitals?: TriageVitals;
  /** The open differential; must-not-miss conditions still open raise the level. Never used through its top entry alone. */
  readonly differential?: readonly TriageCondition[];
  /**
   * The time course of the presenting complaint as read from the note (`readOnset` in `onset.ts`): how the
   * differential's reasons weigh depends on whether the illness is new or long-standing.
   */
  readonly onset?: PresentationOnset;
}

/** Where a reason came from. */
export type TriageReasonSource =
  | 'red-flag'
  | 'news2'
  | 'must-not-miss'
  | 'differential'
  | 'observation'
  | 'complaint'
  /** A learned model over the note's wording (`wording/`): it can only add an emergency reason. */
  | 'learned'
  | 'default';

/** One reason for the level, shown to the user. */
export interface TriageReason {
  /** Stable id of the rule that fired (e.g. `red-flag.chest-pain.crushing`, `news2.aggregate-7`). */
  readonly ruleId: string;
  readonly level: TriageLevel;
  readonly source: TriageReasonSource;
  /** The reason, in words. */
  readonly text: string;
  /** Published guidance the rule is written from. */
  readonly citation?: string;
  /** Concept ids / observation codes / condition ids that made the rule fire. */
  readonly evidence?: readonly string[];
}

/** NEWS2 clinical response bands (RCP 2017, chart 4). */
export type News2Response = 'low' | 'low-medium' | 'medium' | 'high';

export interface News2Parameter {
  readonly parameter:
    | 'respiratoryRate'
    | 'spo2'
    | 'airOrOxygen'
    | 'systolicBp'
    | 'pulse'
    | 'consciousness'
    | 'temperature';
  readonly value: number | string | boolean;
  readonly score: number;
}

export interface News2Result {
  /** Aggregate score 0–20; absent when a parameter is missing. */
  readonly total?: number;
  readonly parameters: readonly News2Parameter[];
  /** Parameters that were not given, so no total could be computed. */
  readonly missing: readonly News2Parameter['parameter'][];
  /** True when one parameter scores 3 ("red score"). */
  readonly singleParameter3: boolean;
  /** Clinical response band, when a total exists. */
  readonly response?: News2Response;
  readonly spo2Scale: 1 | 2;
}

export interface TriageResult {
  readonly level: TriageLevel;
  /** Every reason that fired, most urgent first; the level is the most urgent of them. */
  readonly reasons: readonly TriageReason[];
  /** NEWS2, when any vitals were given. */
  readonly news2?: News2Result;
  /** True when the input held too little to triage beyond the default (no complaint, no vitals). */
  readonly insufficient: boolean;
  /** Plain-language advice matching the level. */
  readonly advice: string;
}
