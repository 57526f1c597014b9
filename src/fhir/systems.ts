/** Code system URIs HealthGPT writes and reads in FHIR resources. */
export const HEALTHGPT_CONCEPT_SYSTEM = 'urn:healthgpt:concept';
export const HEALTHGPT_CONDITION_SYSTEM = 'urn:healthgpt:condition';
export const HEALTHGPT_ENGINE_SYSTEM = 'urn:healthgpt:engine';
export const SNOMED = 'http://snomed.info/sct';
/**
 * SNOMED CT 419099009 "Dead (finding)": how a case records that the patient has died (the FHIR importer writes it
 * from `Patient.deceased[x]`, its `onset` the date of death when given). Engines that assess the patient now read it.
 */
export const DECEASED_CONCEPT_ID = `${SNOMED}|419099009`;
/** FHIR R4 observation interpretation codes (https://terminology.hl7.org/CodeSystem-v3-ObservationInterpretation.html). */
export const OBSERVATION_INTERPRETATION =
  'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
