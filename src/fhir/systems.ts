/** Code system URIs HealthGPT writes and reads in FHIR resources. */
export const HEALTHGPT_CONCEPT_SYSTEM = 'urn:healthgpt:concept';
export const HEALTHGPT_CONDITION_SYSTEM = 'urn:healthgpt:condition';
export const HEALTHGPT_ENGINE_SYSTEM = 'urn:healthgpt:engine';
export const SNOMED = 'http://snomed.info/sct';
export { DECEASED_CONCEPT_ID } from '../clinical/patient.js';
/** FHIR R4 observation interpretation codes (https://terminology.hl7.org/CodeSystem-v3-ObservationInterpretation.html). */
export const OBSERVATION_INTERPRETATION =
  'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
