import type { Coding } from '../clinical/observation.js';
import { HEALTHGPT_CONCEPT_SYSTEM, SNOMED } from './systems.js';

/**
 * Mapping from the codes EHRs send (SNOMED CT, ICD-10, LOINC) to HealthGPT's knowledge-base ids (`src/knowledge/`:
 * concepts such as `cough`, `history.copd`, `lifestyle.former-smoker`, and conditions such as `pneumonia`). A coded
 * item that maps is stored under the knowledge-base id, with its original codings kept in `source`; one that does
 * not is stored under `system|code` with its display name, never dropped. The tables are the project's own, from the
 * code systems' published meanings; `mapping.test.ts` checks every target id exists in the knowledge base.
 *
 * Deliberate non-mappings: COPD (SNOMED 13645005, ICD-10 J44) maps to `history.copd`, never to emphysema — the
 * Brock model's "emphysema" is emphysema seen on CT, which a COPD diagnosis does not establish. Prediabetes is not
 * diabetes. Epilepsy and seizure disorder are diagnoses, not the symptom `seizure`.
 */

export const LOINC = 'http://loinc.org';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const ICD10_CM = 'http://hl7.org/fhir/sid/icd-10-cm';

/** A knowledge-base id a code maps to, and whether a resolved (historical) condition maps elsewhere. */
export interface ConceptTarget {
  /** Knowledge-base concept or condition id while the condition is active (or for a symptom). */
  readonly id: string;
  /** The id for a resolved or inactive condition (e.g. pneumonia → `history.pneumonia`), when different. */
  readonly resolvedId?: string;
}

/** SNOMED CT codes (conditions, findings, situations) → knowledge-base ids. */
export const SNOMED_CONCEPTS: Readonly<Record<string, ConceptTarget>> = {
  // Symptoms and signs.
  '49727002': { id: 'cough' },
  '386661006': { id: 'fever' },
  '267036007': { id: 'dyspnea' },
  '56018004': { id: 'wheeze.expiratory' },
  '162397003': { id: 'sore-throat' },
  '267102003': { id: 'sore-throat' },
  '66857006': { id: 'hemoptysis' },
  '68235000': { id: 'nasal-congestion' },
  '422587007': { id: 'nausea' },
  '422400008': { id: 'vomiting' },
  '62315008': { id: 'diarrhea' },
  '80313002': { id: 'palpitations' },
  '271594007': { id: 'syncope' },
  '40917007': { id: 'confusion' },
  '286933003': { id: 'confusion' },
  '43724002': { id: 'chills' },
  '68962001': { id: 'myalgia' },
  '42984000': { id: 'sweating.night' },
  // Chronic conditions and history.
  '13645005': { id: 'history.copd' },
  '87433001': { id: 'emphysema' },
  '195967001': { id: 'history.asthma' },
  '233678006': { id: 'history.asthma' },
  '38341003': { id: 'history.hypertension' },
  '59621000': { id: 'history.hypertension' },
  '73211009': { id: 'history.diabetes' },
  '44054006': { id: 'history.diabetes' },
  '46635009': { id: 'history.diabetes' },
  '162864005': { id: 'history.obesity' },
  '414916001': { id: 'history.obesity' },
  '84114007': { id: 'history.heart-failure' },
  '42343007': { id: 'history.heart-failure' },
  '88805009': { id: 'history.heart-failure' },
  '230690007': { id: 'history.stroke' },
  '128053003': { id: 'history.dvt' },
  '40055000': { id: 'history.chronic-sinusitis' },
  '69896004': { id: 'history.rheumatoid-arthritis' },
  '86406008': { id: 'history.hiv' },
  '37796009': { id: 'history.migraine' },
  '124171000119105': { id: 'history.migraine' },
  '77386006': { id: 'history.pregnancy' },
  // Normal pregnancy (Synthea's pregnancy Condition): a current pregnancy the triage rules read by id, however long ago
  // it began (an unmapped one would count as a long-standing diagnosis, src/triage/facts.ts).
  '72892002': { id: 'history.pregnancy' },
  '34486009': { id: 'history.hyperthyroidism' },
  '363346000': { id: 'history.active-cancer' },
  '709044004': { id: 'history.chronic-kidney-disease' },
  '235595009': { id: 'history.gerd' },
  '13644009': { id: 'history.hypercholesterolemia' },
  '53741008': { id: 'history.coronary-disease' },
  '22298006': { id: 'myocardial-infarction', resolvedId: 'history.coronary-disease' },
  '78275009': { id: 'history.sleep-apnea' },
  // Acute conditions (knowledge-base conditions while active).
  '233604007': { id: 'pneumonia', resolvedId: 'history.pneumonia' },
  '49436004': { id: 'atrial-fibrillation' },
  '59282003': { id: 'pulmonary-embolism' },
  '271737000': { id: 'anemia', resolvedId: 'history.anemia' },
  '444814009': { id: 'acute-rhinosinusitis' },
  '75498004': { id: 'acute-rhinosinusitis' },
  '195662009': { id: 'viral-pharyngitis' },
  '10509002': { id: 'acute-bronchitis' },
  '61582004': { id: 'allergic-rhinitis' },
  '232353008': { id: 'allergic-rhinitis' },
  '65363002': { id: 'acute-otitis-media' },
  '6142004': { id: 'influenza' },
  '54150009': { id: 'urti' },
};

/** ICD-10 (WHO or CM) code prefixes → knowledge-base ids; the longest matching prefix wins. */
export const ICD10_CONCEPTS: Readonly<Record<string, ConceptTarget>> = {
  R05: { id: 'cough' },
  R50: { id: 'fever' },
  'R06.0': { id: 'dyspnea' },
  'R06.2': { id: 'wheeze.expiratory' },
  'R04.2': { id: 'hemoptysis' },
  'R07.0': { id: 'sore-throat' },
  'R41.0': { id: 'confusion' },
  R55: { id: 'syncope' },
  J44: { id: 'history.copd' },
  J43: { id: 'emphysema' },
  J45: { id: 'history.asthma' },
  I10: { id: 'history.hypertension' },
  I11: { id: 'history.hypertension' },
  E10: { id: 'history.diabetes' },
  E11: { id: 'history.diabetes' },
  E66: { id: 'history.obesity' },
  I50: { id: 'history.heart-failure' },
  I63: { id: 'history.stroke' },
  'I80.2': { id: 'history.dvt' },
  J32: { id: 'history.chronic-sinusitis' },
  M05: { id: 'history.rheumatoid-arthritis' },
  M06: { id: 'history.rheumatoid-arthritis' },
  B20: { id: 'history.hiv' },
  G43: { id: 'history.migraine' },
  N18: { id: 'history.chronic-kidney-disease' },
  K21: { id: 'history.gerd' },
  'E78.0': { id: 'history.hypercholesterolemia' },
  J18: { id: 'pneumonia', resolvedId: 'history.pneumonia' },
  I48: { id: 'atrial-fibrillation' },
  I26: { id: 'pulmonary-embolism' },
  J01: { id: 'acute-rhinosinusitis' },
  J20: { id: 'acute-bronchitis' },
  'J30.1': { id: 'allergic-rhinitis' },
  'J30.2': { id: 'allergic-rhinitis' },
  'J30.3': { id: 'allergic-rhinitis' },
  'J30.4': { id: 'allergic-rhinitis' },
  J10: { id: 'influenza' },
  J11: { id: 'influenza' },
  'Z87.891': { id: 'lifestyle.former-smoker' },
  F17: { id: 'lifestyle.smoking' },
};

/**
 * LOINC 72166-2 "Tobacco smoking status" answers (SNOMED CT) → the knowledge base's smoking concepts. "Never
 * smoker" is current smoking absent; "unknown if ever smoked" stays unknown.
 */
export const SMOKING_STATUS_LOINC = '72166-2';
/** Names of the smoking concepts, for labels such as "Current smoking — Tobacco smoking status: Never smoker". */
export const SMOKING_CONCEPT_NAMES: Readonly<Record<string, string>> = {
  'lifestyle.smoking': 'Current smoking',
  'lifestyle.former-smoker': 'Former smoker',
};

export const SMOKING_ANSWERS: Readonly<
  Record<string, { readonly id: string; readonly status: 'present' | 'absent' | 'unknown' }>
> = {
  '449868002': { id: 'lifestyle.smoking', status: 'present' },
  '428041000124106': { id: 'lifestyle.smoking', status: 'present' },
  '428071000124103': { id: 'lifestyle.smoking', status: 'present' },
  '428061000124105': { id: 'lifestyle.smoking', status: 'present' },
  '77176002': { id: 'lifestyle.smoking', status: 'present' },
  '8517006': { id: 'lifestyle.former-smoker', status: 'present' },
  '266919005': { id: 'lifestyle.smoking', status: 'absent' },
  '266927001': { id: 'lifestyle.smoking', status: 'unknown' },
};

/** A LOINC observation HealthGPT knows: a plain name and the UCUM unit engines read it in. */
export interface LoincEntry {
  readonly name: string;
  readonly unit: string;
}

/**
 * LOINC codes of vital signs and common laboratory results HealthGPT recognises (engines read them by code; see
 * `src/risk/case-inputs.ts`). Panels (85354-9, 55284-4) are read through their components.
 */
export const LOINC_OBSERVATIONS: Readonly<Record<string, LoincEntry>> = {
  '8480-6': { name: 'Systolic blood pressure', unit: 'mm[Hg]' },
  '8462-4': { name: 'Diastolic blood pressure', unit: 'mm[Hg]' },
  '85354-9': { name: 'Blood pressure panel', unit: 'mm[Hg]' },
  '55284-4': { name: 'Blood pressure', unit: 'mm[Hg]' },
  '8867-4': { name: 'Heart rate', unit: '/min' },
  '9279-1': { name: 'Respiratory rate', unit: '/min' },
  '8310-5': { name: 'Body temperature', unit: 'Cel' },
  '8331-1': { name: 'Oral temperature', unit: 'Cel' },
  '8328-7': { name: 'Axillary temperature', unit: 'Cel' },
  '8332-9': { name: 'Rectal temperature', unit: 'Cel' },
  '8333-7': { name: 'Tympanic membrane temperature', unit: 'Cel' },
  '59408-5': { name: 'Oxygen saturation by pulse oximetry', unit: '%' },
  '2708-6': { name: 'Oxygen saturation', unit: '%' },
  '8302-2': { name: 'Body height', unit: 'cm' },
  '29463-7': { name: 'Body weight', unit: 'kg' },
  '39156-5': { name: 'Body mass index', unit: 'kg/m2' },
  '72514-3': { name: 'Pain severity (0–10)', unit: '{score}' },
  '30525-0': { name: 'Age', unit: 'a' },
  '2093-3': { name: 'Total cholesterol', unit: 'mg/dL' },
  '2571-8': { name: 'Triglycerides', unit: 'mg/dL' },
  '18262-6': { name: 'LDL cholesterol (direct)', unit: 'mg/dL' },
  '13457-7': { name: 'LDL cholesterol (calculated)', unit: 'mg/dL' },
  '2085-9': { name: 'HDL cholesterol', unit: 'mg/dL' },
  '6690-2': { name: 'White blood cells', unit: '10*3/uL' },
  '789-8': { name: 'Red blood cells', unit: '10*6/uL' },
  '718-7': { name: 'Haemoglobin', unit: 'g/dL' },
  '4544-3': { name: 'Haematocrit', unit: '%' },
  '787-2': { name: 'MCV', unit: 'fL' },
  '785-6': { name: 'MCH', unit: 'pg' },
  '786-4': { name: 'MCHC', unit: 'g/dL' },
  '21000-5': { name: 'Red cell distribution width', unit: 'fL' },
  '777-3': { name: 'Platelets', unit: '10*3/uL' },
  '32207-3': { name: 'Platelet distribution width', unit: 'fL' },
  '32623-1': { name: 'Mean platelet volume', unit: 'fL' },
  '33914-3': { name: 'eGFR', unit: 'mL/min/{1.73_m2}' },
  '2160-0': { name: 'Creatinine', unit: 'mg/dL' },
  '3094-0': { name: 'Urea nitrogen (BUN)', unit: 'mg/dL' },
  '6299-2': { name: 'Urea nitrogen in blood', unit: 'mg/dL' },
  '22664-7': { name: 'Urea', unit: 'mmol/L' },
  '2951-2': { name: 'Sodium', unit: 'mmol/L' },
  '2823-3': { name: 'Potassium', unit: 'mmol/L' },
  '2075-0': { name: 'Chloride', unit: 'mmol/L' },
  '2028-9': { name: 'Carbon dioxide', unit: 'mmol/L' },
  '17861-6': { name: 'Calcium', unit: 'mg/dL' },
  '2345-7': { name: 'Glucose', unit: 'mg/dL' },
  '2339-0': { name: 'Glucose (blood)', unit: 'mg/dL' },
  '1558-6': { name: 'Fasting glucose', unit: 'mg/dL' },
  '4548-4': { name: 'HbA1c', unit: '%' },
  '1988-5': { name: 'C-reactive protein', unit: 'mg/L' },
  '2039-6': { name: 'CEA', unit: 'ng/mL' },
  '33762-6': { name: 'NT-proBNP', unit: 'pg/mL' },
  '10839-9': { name: 'Troponin I', unit: 'ng/mL' },
  '48065-7': { name: 'D-dimer', unit: 'ng/mL{FEU}' },
  [SMOKING_STATUS_LOINC]: { name: 'Tobacco smoking status', unit: '' },
};

/** The knowledge-base id of one coding, or undefined when HealthGPT has no concept for it. */
export function targetOfCoding(coding: Coding): ConceptTarget | undefined {
  if (coding.system === HEALTHGPT_CONCEPT_SYSTEM) return { id: coding.code };
  if (coding.system === SNOMED) return SNOMED_CONCEPTS[coding.code];
  if (coding.system === ICD10 || coding.system === ICD10_CM) {
    const code = coding.code.toUpperCase();
    let best: string | undefined;
    for (const prefix of Object.keys(ICD10_CONCEPTS)) {
      if (code.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
    }
    return best === undefined ? undefined : ICD10_CONCEPTS[best];
  }
  return undefined;
}

/** The first of several codings (as sent) that maps, with the coding it came from. */
export function mapCodings(
  codings: readonly Coding[],
): { readonly target: ConceptTarget; readonly coding: Coding } | undefined {
  for (const coding of codings) {
    const target = targetOfCoding(coding);
    if (target) return { target, coding };
  }
  return undefined;
}

/** Whether a LOINC-coded observation is one HealthGPT recognises. */
export function isKnownLoinc(coding: Coding): boolean {
  return coding.system === LOINC && LOINC_OBSERVATIONS[coding.code] !== undefined;
}
