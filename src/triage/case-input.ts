import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import type { PatientContext } from '../clinical/patient.js';
import { TriageFacts } from './facts.js';
import type { TriageCondition, TriageInput } from './types.js';

/** A triage input read from a case (arrays copied, so it is also the engine's schema input). */
export interface CaseTriageInput extends TriageInput {
  readonly patient: PatientContext;
  readonly findings: Finding[];
  readonly observations: Observation[];
  readonly differential?: TriageCondition[];
}

/**
 * The triage input a case holds: its patient, every finding (the rules themselves pick the current ones and read
 * background such as an anticoagulant) and every observation (vital signs are read from them, `vitalsFromObservations`),
 * with the open differential when the caller has one. The one mapping behind `GET /v1/cases/{id}/triage` and the
 * engine's `fromCase` (CDS Hooks `patient-view`, `POST /v1/cases/{id}/assessments`).
 */
export function triageInputFromCase(
  clinicalCase: ClinicalCase,
  differential?: readonly TriageCondition[],
): CaseTriageInput {
  return {
    patient: clinicalCase.patient,
    findings: [...clinicalCase.findings],
    observations: [...clinicalCase.observations],
    ...(differential ? { differential: [...differential] } : {}),
  };
}

/**
 * Whether an input holds anything to triage: a current finding of the patient's own (`isActive`) or a vital sign,
 * read exactly as `assessTriage` reads them. Without either, triage can only say "not enough to go on".
 */
export function hasSomethingToTriage(input: TriageInput): boolean {
  const facts = new TriageFacts(input);
  return facts.active.length > 0 || Object.keys(facts.vitals).length > 0;
}
