/**
 * Triage in four levels (emergency, urgent, routine, self-care) with the reasons shown: red-flag rules written
 * from published triage guidance, NEWS2 from vital signs, and the must-not-miss conditions still open in the
 * differential. See docs/triage.md.
 */
export {
  assessTriage,
  DIFFERENTIAL_THRESHOLDS,
  type DifferentialThresholds,
  firedRedFlags,
  MUST_NOT_MISS_EMERGENCY,
  MUST_NOT_MISS_OPEN,
  moreUrgent,
  notAssessedTriage,
  TRIAGE_RANK,
} from './assess.js';
export { isActive, TRIAGE_LOINC, TriageFacts, vitalsFromObservations } from './facts.js';
export { computeNews2, NEWS2_SOURCE, news2Response } from './news2.js';
export {
  LONG_STANDING_DAYS,
  NEW_WITHIN_DAYS,
  type OnsetCourse,
  onsetCourse,
  type PresentationOnset,
  readOnset,
} from './onset.js';
export { crb65, RED_FLAG_RULES, type RedFlagRule } from './rules.js';
export type {
  Acvpu,
  News2Parameter,
  News2Response,
  News2Result,
  TriageCondition,
  TriageInput,
  TriageLevel,
  TriageReason,
  TriageReasonSource,
  TriageResult,
  TriageVitals,
} from './types.js';
export { TRIAGE_LEVELS } from './types.js';
